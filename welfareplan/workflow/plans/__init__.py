"""The plan (地域福祉計画): the Excel plan template (:mod:`.plan_template`), importing a new plan
from it (:mod:`.plan_import`), exporting one to it (:mod:`.plan_export`) and editing a plan in
the workbench (:mod:`.plan_edit`)."""
