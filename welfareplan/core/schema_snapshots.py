"""The schema of every released file version, normalised (generated: do not edit).

Written by ``python -m tests.fixtures.make_schema_snapshots`` from the committed fixture files
of the older versions and from the ORM model for the current one; compared with every file we
open by :func:`welfareplan.core.schemacheck.verify_schema`.
"""

from __future__ import annotations

from welfareplan.core.schemarows import SchemaRow, parse_snapshot

_TEXT: dict[int, str] = {
    1: """\
index	ix_audit_entry	audit_event	CREATE INDEX ix_audit_entry ON audit_event (round_id, project_id, department_id)
index	ix_entry_department	entry	CREATE INDEX ix_entry_department ON entry (department_id, round_id)
index	sqlite_autoindex_assignment_1	assignment	-
index	sqlite_autoindex_assignment_2	assignment	-
index	sqlite_autoindex_committee_opinion_1	committee_opinion	-
index	sqlite_autoindex_department_1	department	-
index	sqlite_autoindex_department_2	department	-
index	sqlite_autoindex_department_alias_1	department_alias	-
index	sqlite_autoindex_direction_1	direction	-
index	sqlite_autoindex_direction_2	direction	-
index	sqlite_autoindex_entry_1	entry	-
index	sqlite_autoindex_entry_2	entry	-
index	sqlite_autoindex_goal_1	goal	-
index	sqlite_autoindex_goal_2	goal	-
index	sqlite_autoindex_measure_1	measure	-
index	sqlite_autoindex_measure_2	measure	-
index	sqlite_autoindex_plan_1	plan	-
index	sqlite_autoindex_plan_2	plan	-
index	sqlite_autoindex_project_1	project	-
index	sqlite_autoindex_project_2	project	-
index	sqlite_autoindex_round_1	round	-
index	sqlite_autoindex_round_2	round	-
index	sqlite_autoindex_wp_meta_1	wp_meta	-
table	assignment	assignment	CREATE TABLE assignment (id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (project_id, department_id), FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	audit_event	audit_event	CREATE TABLE audit_event (id INTEGER NOT NULL, at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, action VARCHAR(32) NOT NULL, round_id VARCHAR(36), project_id VARCHAR(36), department_id VARCHAR(36), field TEXT NOT NULL, old TEXT, new TEXT, source_file TEXT NOT NULL, source_sha256 VARCHAR(64) NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id))
table	committee_opinion	committee_opinion	CREATE TABLE committee_opinion (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, goal_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(goal_id) REFERENCES goal (id), FOREIGN KEY(project_id) REFERENCES project (id))
table	department	department	CREATE TABLE department (id VARCHAR(36) NOT NULL, name TEXT NOT NULL, kind VARCHAR(16) NOT NULL, sort INTEGER NOT NULL, active BOOLEAN NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_department_kind CHECK (kind IN ('city', 'council')), UNIQUE (name))
table	department_alias	department_alias	CREATE TABLE department_alias (alias TEXT NOT NULL, department_id VARCHAR(36) NOT NULL, PRIMARY KEY (alias), FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE)
table	direction	direction	CREATE TABLE direction (id VARCHAR(36) NOT NULL, goal_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (goal_id, number), FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE)
table	entry	entry	CREATE TABLE entry (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, result TEXT NOT NULL, rating VARCHAR(1) NOT NULL, outlook TEXT NOT NULL, updated_at VARCHAR(32), updated_by TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, project_id, department_id), CONSTRAINT ck_entry_rating CHECK (rating IN ('', 'A', 'B', 'C', 'D')), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	goal	goal	CREATE TABLE goal (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (plan_id, number), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE)
table	measure	measure	CREATE TABLE measure (id VARCHAR(36) NOT NULL, direction_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (direction_id, number), FOREIGN KEY(direction_id) REFERENCES direction (id) ON DELETE CASCADE)
table	plan	plan	CREATE TABLE plan (id VARCHAR(36) NOT NULL, "key" TEXT NOT NULL, name TEXT NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, philosophy TEXT NOT NULL, issuer TEXT NOT NULL, rating_criteria TEXT NOT NULL, outlook_note TEXT NOT NULL, predecessor_id VARCHAR(36), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_period CHECK (period_start <= period_end), UNIQUE ("key"), FOREIGN KEY(predecessor_id) REFERENCES "plan" (id))
table	project	project	CREATE TABLE project (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, measure_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, number_end INTEGER, name TEXT NOT NULL, description TEXT NOT NULL, sort INTEGER NOT NULL, predecessor_id VARCHAR(36), PRIMARY KEY (id), UNIQUE (plan_id, number), CONSTRAINT ck_project_group CHECK (number_end IS NULL OR number_end > number), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(measure_id) REFERENCES measure (id) ON DELETE CASCADE, FOREIGN KEY(predecessor_id) REFERENCES project (id) ON DELETE SET NULL)
table	round	round	CREATE TABLE round (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, fiscal_year INTEGER NOT NULL, status VARCHAR(16) NOT NULL, deadline VARCHAR(10), published_on VARCHAR(10), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_round_status CHECK (status IN ('open', 'closed')), FOREIGN KEY(plan_id) REFERENCES "plan" (id), UNIQUE (fiscal_year))
table	wp_meta	wp_meta	CREATE TABLE wp_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"))
""",
    2: """\
index	ix_audit_entry	audit_event	CREATE INDEX ix_audit_entry ON audit_event (round_id, project_id, department_id)
index	ix_entry_department	entry	CREATE INDEX ix_entry_department ON entry (department_id, round_id)
index	ix_issued_entry_entry	issued_entry	CREATE INDEX ix_issued_entry_entry ON issued_entry (entry_id)
index	ix_issued_file_round	issued_file	CREATE INDEX ix_issued_file_round ON issued_file (round_id, department_id)
index	ix_merge_conflict_entry	merge_conflict	CREATE INDEX ix_merge_conflict_entry ON merge_conflict (entry_id, field, status)
index	ix_received_return_file	received_return	CREATE INDEX ix_received_return_file ON received_return (issued_file_id, revision)
index	ix_received_return_round	received_return	CREATE INDEX ix_received_return_round ON received_return (round_id, department_id)
index	sqlite_autoindex_assignment_1	assignment	-
index	sqlite_autoindex_assignment_2	assignment	-
index	sqlite_autoindex_committee_opinion_1	committee_opinion	-
index	sqlite_autoindex_department_1	department	-
index	sqlite_autoindex_department_2	department	-
index	sqlite_autoindex_department_alias_1	department_alias	-
index	sqlite_autoindex_direction_1	direction	-
index	sqlite_autoindex_direction_2	direction	-
index	sqlite_autoindex_entry_1	entry	-
index	sqlite_autoindex_entry_2	entry	-
index	sqlite_autoindex_goal_1	goal	-
index	sqlite_autoindex_goal_2	goal	-
index	sqlite_autoindex_issued_entry_1	issued_entry	-
index	sqlite_autoindex_issued_file_1	issued_file	-
index	sqlite_autoindex_measure_1	measure	-
index	sqlite_autoindex_measure_2	measure	-
index	sqlite_autoindex_merge_conflict_1	merge_conflict	-
index	sqlite_autoindex_plan_1	plan	-
index	sqlite_autoindex_plan_2	plan	-
index	sqlite_autoindex_project_1	project	-
index	sqlite_autoindex_project_2	project	-
index	sqlite_autoindex_received_return_1	received_return	-
index	sqlite_autoindex_round_1	round	-
index	sqlite_autoindex_round_2	round	-
index	sqlite_autoindex_wp_meta_1	wp_meta	-
table	assignment	assignment	CREATE TABLE assignment (id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (project_id, department_id), FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	audit_event	audit_event	CREATE TABLE audit_event (id INTEGER NOT NULL, at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, action VARCHAR(32) NOT NULL, round_id VARCHAR(36), project_id VARCHAR(36), department_id VARCHAR(36), field TEXT NOT NULL, old TEXT, new TEXT, source_file TEXT NOT NULL, source_sha256 VARCHAR(64) NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id))
table	committee_opinion	committee_opinion	CREATE TABLE committee_opinion (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, goal_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(goal_id) REFERENCES goal (id), FOREIGN KEY(project_id) REFERENCES project (id))
table	department	department	CREATE TABLE department (id VARCHAR(36) NOT NULL, name TEXT NOT NULL, kind VARCHAR(16) NOT NULL, sort INTEGER NOT NULL, active BOOLEAN NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_department_kind CHECK (kind IN ('city', 'council')), UNIQUE (name))
table	department_alias	department_alias	CREATE TABLE department_alias (alias TEXT NOT NULL, department_id VARCHAR(36) NOT NULL, PRIMARY KEY (alias), FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE)
table	direction	direction	CREATE TABLE direction (id VARCHAR(36) NOT NULL, goal_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (goal_id, number), FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE)
table	entry	entry	CREATE TABLE entry (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, result TEXT NOT NULL, rating VARCHAR(1) NOT NULL, outlook TEXT NOT NULL, updated_at VARCHAR(32), updated_by TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, project_id, department_id), CONSTRAINT ck_entry_rating CHECK (rating IN ('', 'A', 'B', 'C', 'D')), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	goal	goal	CREATE TABLE goal (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (plan_id, number), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE)
table	issue_secret	issue_secret	CREATE TABLE issue_secret (id INTEGER NOT NULL, secret VARCHAR(64) NOT NULL, created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issue_secret_single CHECK (id = 1))
table	issued_entry	issued_entry	CREATE TABLE issued_entry (issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, result TEXT NOT NULL, rating VARCHAR(1) NOT NULL, outlook TEXT NOT NULL, base_result TEXT NOT NULL, base_rating VARCHAR(1) NOT NULL, base_outlook TEXT NOT NULL, PRIMARY KEY (issued_file_id, entry_id), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE, FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	issued_file	issued_file	CREATE TABLE issued_file (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_format VARCHAR(8) NOT NULL, file_name TEXT NOT NULL, issued_at VARCHAR(32) NOT NULL, issued_by TEXT NOT NULL, entry_keys TEXT NOT NULL, context TEXT NOT NULL, mac VARCHAR(64) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issued_file_format CHECK (file_format IN ('wpdb', 'xlsx')), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	measure	measure	CREATE TABLE measure (id VARCHAR(36) NOT NULL, direction_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (direction_id, number), FOREIGN KEY(direction_id) REFERENCES direction (id) ON DELETE CASCADE)
table	merge_conflict	merge_conflict	CREATE TABLE merge_conflict (id VARCHAR(36) NOT NULL, return_id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(16) NOT NULL, base_value TEXT NOT NULL, file_value TEXT NOT NULL, master_value TEXT NOT NULL, status VARCHAR(16) NOT NULL, resolution VARCHAR(16) NOT NULL, resolved_value TEXT, created_at VARCHAR(32) NOT NULL, resolved_at VARCHAR(32), resolved_by TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_conflict_field CHECK (field IN ('result', 'rating', 'outlook')), CONSTRAINT ck_conflict_status CHECK (status IN ('open', 'resolved', 'superseded')), CONSTRAINT ck_conflict_resolution CHECK (resolution IN ('', 'file', 'master', 'manual')), FOREIGN KEY(return_id) REFERENCES received_return (id), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	plan	plan	CREATE TABLE plan (id VARCHAR(36) NOT NULL, "key" TEXT NOT NULL, name TEXT NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, philosophy TEXT NOT NULL, issuer TEXT NOT NULL, rating_criteria TEXT NOT NULL, outlook_note TEXT NOT NULL, predecessor_id VARCHAR(36), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_period CHECK (period_start <= period_end), UNIQUE ("key"), FOREIGN KEY(predecessor_id) REFERENCES "plan" (id))
table	project	project	CREATE TABLE project (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, measure_id VARCHAR(36) NOT NULL, number INTEGER NOT NULL, number_end INTEGER, name TEXT NOT NULL, description TEXT NOT NULL, sort INTEGER NOT NULL, predecessor_id VARCHAR(36), PRIMARY KEY (id), UNIQUE (plan_id, number), CONSTRAINT ck_project_group CHECK (number_end IS NULL OR number_end > number), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(measure_id) REFERENCES measure (id) ON DELETE CASCADE, FOREIGN KEY(predecessor_id) REFERENCES project (id) ON DELETE SET NULL)
table	received_return	received_return	CREATE TABLE received_return (id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, revision INTEGER NOT NULL, received_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, applied_fields INTEGER NOT NULL, conflict_fields INTEGER NOT NULL, submitted_at VARCHAR(32), submitted_by TEXT NOT NULL, submitted_os_user TEXT NOT NULL, submitted_host TEXT NOT NULL, submitted_revision INTEGER, PRIMARY KEY (id), CONSTRAINT ck_received_return_outcome CHECK (outcome IN ('applied', 'unchanged', 'conflicts')), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	round	round	CREATE TABLE round (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, fiscal_year INTEGER NOT NULL, status VARCHAR(16) NOT NULL, deadline VARCHAR(10), published_on VARCHAR(10), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_round_status CHECK (status IN ('open', 'closed')), FOREIGN KEY(plan_id) REFERENCES "plan" (id), UNIQUE (fiscal_year))
table	wp_meta	wp_meta	CREATE TABLE wp_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"))
""",
    3: """\
index	ix_audit_entry	audit_event	CREATE INDEX ix_audit_entry ON audit_event (round_id, project_id, department_id)
index	ix_entry_department	entry	CREATE INDEX ix_entry_department ON entry (department_id, round_id)
index	ix_issued_file_round	issued_file	CREATE INDEX ix_issued_file_round ON issued_file (round_id, department_id)
index	ix_issued_value_entry	issued_value	CREATE INDEX ix_issued_value_entry ON issued_value (entry_id)
index	ix_merge_conflict_entry	merge_conflict	CREATE INDEX ix_merge_conflict_entry ON merge_conflict (entry_id, field, status)
index	ix_plan_node_plan	plan_node	CREATE INDEX ix_plan_node_plan ON plan_node (plan_id, depth, sort)
index	ix_project_link_successor	project_link	CREATE INDEX ix_project_link_successor ON project_link (successor_id)
index	ix_received_return_file	received_return	CREATE INDEX ix_received_return_file ON received_return (issued_file_id, revision)
index	ix_received_return_round	received_return	CREATE INDEX ix_received_return_round ON received_return (round_id, department_id)
index	sqlite_autoindex_assignment_1	assignment	-
index	sqlite_autoindex_assignment_2	assignment	-
index	sqlite_autoindex_committee_opinion_1	committee_opinion	-
index	sqlite_autoindex_department_1	department	-
index	sqlite_autoindex_department_2	department	-
index	sqlite_autoindex_department_alias_1	department_alias	-
index	sqlite_autoindex_entry_1	entry	-
index	sqlite_autoindex_entry_2	entry	-
index	sqlite_autoindex_entry_value_1	entry_value	-
index	sqlite_autoindex_issued_file_1	issued_file	-
index	sqlite_autoindex_issued_value_1	issued_value	-
index	sqlite_autoindex_merge_conflict_1	merge_conflict	-
index	sqlite_autoindex_plan_1	plan	-
index	sqlite_autoindex_plan_2	plan	-
index	sqlite_autoindex_plan_node_1	plan_node	-
index	sqlite_autoindex_project_1	project	-
index	sqlite_autoindex_project_2	project	-
index	sqlite_autoindex_project_link_1	project_link	-
index	sqlite_autoindex_received_return_1	received_return	-
index	sqlite_autoindex_round_1	round	-
index	sqlite_autoindex_round_2	round	-
index	sqlite_autoindex_wp_meta_1	wp_meta	-
table	assignment	assignment	CREATE TABLE assignment (id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (project_id, department_id), FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	audit_event	audit_event	CREATE TABLE audit_event (id INTEGER NOT NULL, at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, action VARCHAR(32) NOT NULL, round_id VARCHAR(36), project_id VARCHAR(36), department_id VARCHAR(36), field TEXT NOT NULL, old TEXT, new TEXT, source_file TEXT NOT NULL, source_sha256 VARCHAR(64) NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id))
table	committee_opinion	committee_opinion	CREATE TABLE committee_opinion (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, node_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(node_id) REFERENCES plan_node (id), FOREIGN KEY(project_id) REFERENCES project (id))
table	department	department	CREATE TABLE department (id VARCHAR(36) NOT NULL, name TEXT NOT NULL, kind VARCHAR(16) NOT NULL, sort INTEGER NOT NULL, active BOOLEAN NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_department_kind CHECK (kind IN ('city', 'council')), UNIQUE (name))
table	department_alias	department_alias	CREATE TABLE department_alias (alias TEXT NOT NULL, department_id VARCHAR(36) NOT NULL, PRIMARY KEY (alias), FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE)
table	entry	entry	CREATE TABLE entry (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, updated_at VARCHAR(32), updated_by TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, project_id, department_id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	entry_value	entry_value	CREATE TABLE entry_value (entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, value TEXT NOT NULL, PRIMARY KEY (entry_id, field), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	issue_secret	issue_secret	CREATE TABLE issue_secret (id INTEGER NOT NULL, secret VARCHAR(64) NOT NULL, created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issue_secret_single CHECK (id = 1))
table	issued_file	issued_file	CREATE TABLE issued_file (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_format VARCHAR(8) NOT NULL, file_name TEXT NOT NULL, issued_at VARCHAR(32) NOT NULL, issued_by TEXT NOT NULL, entry_keys TEXT NOT NULL, context TEXT NOT NULL, mac VARCHAR(64) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issued_file_format CHECK (file_format IN ('wpdb', 'xlsx')), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	issued_value	issued_value	CREATE TABLE issued_value (issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, value TEXT NOT NULL, base_value TEXT NOT NULL, PRIMARY KEY (issued_file_id, entry_id, field), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE, FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	merge_conflict	merge_conflict	CREATE TABLE merge_conflict (id VARCHAR(36) NOT NULL, return_id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, base_value TEXT NOT NULL, file_value TEXT NOT NULL, master_value TEXT NOT NULL, status VARCHAR(16) NOT NULL, resolution VARCHAR(16) NOT NULL, resolved_value TEXT, created_at VARCHAR(32) NOT NULL, resolved_at VARCHAR(32), resolved_by TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_conflict_status CHECK (status IN ('open', 'resolved', 'superseded')), CONSTRAINT ck_conflict_resolution CHECK (resolution IN ('', 'file', 'master', 'manual')), FOREIGN KEY(return_id) REFERENCES received_return (id), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	plan	plan	CREATE TABLE plan (id VARCHAR(36) NOT NULL, "key" TEXT NOT NULL, name TEXT NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, philosophy TEXT NOT NULL, issuer TEXT NOT NULL, levels TEXT NOT NULL, form TEXT NOT NULL, texts TEXT NOT NULL, attributes TEXT NOT NULL, predecessor_id VARCHAR(36), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_period CHECK (period_start <= period_end), UNIQUE ("key"), FOREIGN KEY(predecessor_id) REFERENCES "plan" (id))
table	plan_node	plan_node	CREATE TABLE plan_node (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, parent_id VARCHAR(36), depth INTEGER NOT NULL, number INTEGER, name TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_node_depth CHECK (depth >= 0 AND depth <= 3), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(parent_id) REFERENCES plan_node (id) ON DELETE CASCADE)
table	project	project	CREATE TABLE project (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, node_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, attributes TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (plan_id, label), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(node_id) REFERENCES plan_node (id) ON DELETE CASCADE)
table	project_link	project_link	CREATE TABLE project_link (predecessor_id VARCHAR(36) NOT NULL, successor_id VARCHAR(36) NOT NULL, PRIMARY KEY (predecessor_id, successor_id), FOREIGN KEY(predecessor_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(successor_id) REFERENCES project (id) ON DELETE CASCADE)
table	received_return	received_return	CREATE TABLE received_return (id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, revision INTEGER NOT NULL, received_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, applied_fields INTEGER NOT NULL, conflict_fields INTEGER NOT NULL, submitted_at VARCHAR(32), submitted_by TEXT NOT NULL, submitted_os_user TEXT NOT NULL, submitted_host TEXT NOT NULL, submitted_revision INTEGER, PRIMARY KEY (id), CONSTRAINT ck_received_return_outcome CHECK (outcome IN ('applied', 'unchanged', 'conflicts')), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	round	round	CREATE TABLE round (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, fiscal_year INTEGER NOT NULL, status VARCHAR(16) NOT NULL, deadline VARCHAR(10), published_on VARCHAR(10), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_round_status CHECK (status IN ('open', 'closed')), FOREIGN KEY(plan_id) REFERENCES "plan" (id), UNIQUE (fiscal_year))
table	wp_meta	wp_meta	CREATE TABLE wp_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"))
""",
    4: """\
index	ix_audit_entry	audit_event	CREATE INDEX ix_audit_entry ON audit_event (round_id, project_id, department_id)
index	ix_entry_department	entry	CREATE INDEX ix_entry_department ON entry (department_id, round_id)
index	ix_issued_file_round	issued_file	CREATE INDEX ix_issued_file_round ON issued_file (round_id, department_id)
index	ix_issued_value_entry	issued_value	CREATE INDEX ix_issued_value_entry ON issued_value (entry_id)
index	ix_merge_conflict_entry	merge_conflict	CREATE INDEX ix_merge_conflict_entry ON merge_conflict (entry_id, field, status)
index	ix_plan_node_plan	plan_node	CREATE INDEX ix_plan_node_plan ON plan_node (plan_id, depth, sort)
index	ix_project_link_successor	project_link	CREATE INDEX ix_project_link_successor ON project_link (successor_id)
index	ix_received_return_file	received_return	CREATE INDEX ix_received_return_file ON received_return (issued_file_id, revision)
index	ix_received_return_round	received_return	CREATE INDEX ix_received_return_round ON received_return (round_id, department_id)
index	ix_review_comment_entry	review_comment	CREATE INDEX ix_review_comment_entry ON review_comment (entry_id, field)
index	ix_review_comment_round	review_comment	CREATE INDEX ix_review_comment_round ON review_comment (round_id, status)
index	ix_review_note_comment	review_note	CREATE INDEX ix_review_note_comment ON review_note (comment_id, seq)
index	sqlite_autoindex_assignment_1	assignment	-
index	sqlite_autoindex_assignment_2	assignment	-
index	sqlite_autoindex_committee_member_1	committee_member	-
index	sqlite_autoindex_committee_member_2	committee_member	-
index	sqlite_autoindex_committee_opinion_1	committee_opinion	-
index	sqlite_autoindex_department_1	department	-
index	sqlite_autoindex_department_2	department	-
index	sqlite_autoindex_department_alias_1	department_alias	-
index	sqlite_autoindex_entry_1	entry	-
index	sqlite_autoindex_entry_2	entry	-
index	sqlite_autoindex_entry_value_1	entry_value	-
index	sqlite_autoindex_issued_file_1	issued_file	-
index	sqlite_autoindex_issued_value_1	issued_value	-
index	sqlite_autoindex_member_opinion_1	member_opinion	-
index	sqlite_autoindex_merge_conflict_1	merge_conflict	-
index	sqlite_autoindex_opinion_answer_1	opinion_answer	-
index	sqlite_autoindex_opinion_sheet_1	opinion_sheet	-
index	sqlite_autoindex_opinion_sheet_return_1	opinion_sheet_return	-
index	sqlite_autoindex_plan_1	plan	-
index	sqlite_autoindex_plan_2	plan	-
index	sqlite_autoindex_plan_node_1	plan_node	-
index	sqlite_autoindex_project_1	project	-
index	sqlite_autoindex_project_2	project	-
index	sqlite_autoindex_project_link_1	project_link	-
index	sqlite_autoindex_received_return_1	received_return	-
index	sqlite_autoindex_return_confirmation_1	return_confirmation	-
index	sqlite_autoindex_review_comment_1	review_comment	-
index	sqlite_autoindex_review_note_1	review_note	-
index	sqlite_autoindex_round_1	round	-
index	sqlite_autoindex_round_2	round	-
index	sqlite_autoindex_wp_meta_1	wp_meta	-
table	assignment	assignment	CREATE TABLE assignment (id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (project_id, department_id), FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	audit_event	audit_event	CREATE TABLE audit_event (id INTEGER NOT NULL, at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, action VARCHAR(32) NOT NULL, round_id VARCHAR(36), project_id VARCHAR(36), department_id VARCHAR(36), field TEXT NOT NULL, old TEXT, new TEXT, source_file TEXT NOT NULL, source_sha256 VARCHAR(64) NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id))
table	committee_member	committee_member	CREATE TABLE committee_member (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, name TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, name), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE)
table	committee_opinion	committee_opinion	CREATE TABLE committee_opinion (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, node_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(node_id) REFERENCES plan_node (id), FOREIGN KEY(project_id) REFERENCES project (id))
table	department	department	CREATE TABLE department (id VARCHAR(36) NOT NULL, name TEXT NOT NULL, kind VARCHAR(16) NOT NULL, sort INTEGER NOT NULL, active BOOLEAN NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_department_kind CHECK (kind IN ('city', 'council')), UNIQUE (name))
table	department_alias	department_alias	CREATE TABLE department_alias (alias TEXT NOT NULL, department_id VARCHAR(36) NOT NULL, PRIMARY KEY (alias), FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE)
table	entry	entry	CREATE TABLE entry (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, updated_at VARCHAR(32), updated_by TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, project_id, department_id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	entry_value	entry_value	CREATE TABLE entry_value (entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, value TEXT NOT NULL, PRIMARY KEY (entry_id, field), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	issue_secret	issue_secret	CREATE TABLE issue_secret (id INTEGER NOT NULL, secret VARCHAR(64) NOT NULL, created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issue_secret_single CHECK (id = 1))
table	issued_file	issued_file	CREATE TABLE issued_file (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_format VARCHAR(8) NOT NULL, file_name TEXT NOT NULL, issued_at VARCHAR(32) NOT NULL, issued_by TEXT NOT NULL, entry_keys TEXT NOT NULL, context TEXT NOT NULL, mac VARCHAR(64) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issued_file_format CHECK (file_format IN ('wpdb', 'xlsx')), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	issued_value	issued_value	CREATE TABLE issued_value (issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, value TEXT NOT NULL, base_value TEXT NOT NULL, PRIMARY KEY (issued_file_id, entry_id, field), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE, FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	member_opinion	member_opinion	CREATE TABLE member_opinion (id VARCHAR(36) NOT NULL, member_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, received_at VARCHAR(32) NOT NULL, chosen_id VARCHAR(36), PRIMARY KEY (id), FOREIGN KEY(member_id) REFERENCES committee_member (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(chosen_id) REFERENCES committee_opinion (id) ON DELETE SET NULL)
table	merge_conflict	merge_conflict	CREATE TABLE merge_conflict (id VARCHAR(36) NOT NULL, return_id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, base_value TEXT NOT NULL, file_value TEXT NOT NULL, master_value TEXT NOT NULL, status VARCHAR(16) NOT NULL, resolution VARCHAR(16) NOT NULL, resolved_value TEXT, created_at VARCHAR(32) NOT NULL, resolved_at VARCHAR(32), resolved_by TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_conflict_status CHECK (status IN ('open', 'resolved', 'superseded')), CONSTRAINT ck_conflict_resolution CHECK (resolution IN ('', 'file', 'master', 'manual')), FOREIGN KEY(return_id) REFERENCES received_return (id), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	opinion_answer	opinion_answer	CREATE TABLE opinion_answer (opinion_id VARCHAR(36) NOT NULL, department_id VARCHAR(36), text TEXT NOT NULL, updated_at VARCHAR(32) NOT NULL, updated_by TEXT NOT NULL, PRIMARY KEY (opinion_id), FOREIGN KEY(opinion_id) REFERENCES committee_opinion (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	opinion_sheet	opinion_sheet	CREATE TABLE opinion_sheet (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, member_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, issued_at VARCHAR(32) NOT NULL, issued_by TEXT NOT NULL, mac VARCHAR(64) NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(member_id) REFERENCES committee_member (id) ON DELETE CASCADE)
table	opinion_sheet_return	opinion_sheet_return	CREATE TABLE opinion_sheet_return (id VARCHAR(36) NOT NULL, sheet_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, received_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, changed INTEGER NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_opinion_return_outcome CHECK (outcome IN ('applied', 'unchanged')), FOREIGN KEY(sheet_id) REFERENCES opinion_sheet (id) ON DELETE CASCADE)
table	plan	plan	CREATE TABLE plan (id VARCHAR(36) NOT NULL, "key" TEXT NOT NULL, name TEXT NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, philosophy TEXT NOT NULL, issuer TEXT NOT NULL, levels TEXT NOT NULL, form TEXT NOT NULL, texts TEXT NOT NULL, attributes TEXT NOT NULL, predecessor_id VARCHAR(36), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_period CHECK (period_start <= period_end), UNIQUE ("key"), FOREIGN KEY(predecessor_id) REFERENCES "plan" (id))
table	plan_node	plan_node	CREATE TABLE plan_node (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, parent_id VARCHAR(36), depth INTEGER NOT NULL, number INTEGER, name TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_node_depth CHECK (depth >= 0 AND depth <= 3), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(parent_id) REFERENCES plan_node (id) ON DELETE CASCADE)
table	project	project	CREATE TABLE project (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, node_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, attributes TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (plan_id, label), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(node_id) REFERENCES plan_node (id) ON DELETE CASCADE)
table	project_link	project_link	CREATE TABLE project_link (predecessor_id VARCHAR(36) NOT NULL, successor_id VARCHAR(36) NOT NULL, PRIMARY KEY (predecessor_id, successor_id), FOREIGN KEY(predecessor_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(successor_id) REFERENCES project (id) ON DELETE CASCADE)
table	received_return	received_return	CREATE TABLE received_return (id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, revision INTEGER NOT NULL, received_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, applied_fields INTEGER NOT NULL, conflict_fields INTEGER NOT NULL, submitted_at VARCHAR(32), submitted_by TEXT NOT NULL, submitted_os_user TEXT NOT NULL, submitted_host TEXT NOT NULL, submitted_revision INTEGER, PRIMARY KEY (id), CONSTRAINT ck_received_return_outcome CHECK (outcome IN ('applied', 'unchanged', 'conflicts')), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	return_confirmation	return_confirmation	CREATE TABLE return_confirmation (return_id VARCHAR(36) NOT NULL, kind VARCHAR(16) NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, confirmed_at VARCHAR(32), confirmed_revision INTEGER, PRIMARY KEY (return_id), CONSTRAINT ck_return_confirmation_kind CHECK (kind IN ('confirmed', 'none')), FOREIGN KEY(return_id) REFERENCES received_return (id) ON DELETE CASCADE)
table	review_comment	review_comment	CREATE TABLE review_comment (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL, created_at VARCHAR(32) NOT NULL, created_by TEXT NOT NULL, sent_file_id VARCHAR(36), sent_at VARCHAR(32), closed_at VARCHAR(32), closed_by TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_review_comment_status CHECK (status IN ('open', 'resolved')), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	review_note	review_note	CREATE TABLE review_note (id VARCHAR(36) NOT NULL, comment_id VARCHAR(36) NOT NULL, kind VARCHAR(16) NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL, at VARCHAR(32) NOT NULL, seq INTEGER NOT NULL, file_id VARCHAR(36), PRIMARY KEY (id), CONSTRAINT ck_review_note_kind CHECK (kind IN ('comment', 'reply', 'resolve', 'keep')), FOREIGN KEY(comment_id) REFERENCES review_comment (id) ON DELETE CASCADE)
table	round	round	CREATE TABLE round (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, fiscal_year INTEGER NOT NULL, status VARCHAR(16) NOT NULL, deadline VARCHAR(10), published_on VARCHAR(10), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_round_status CHECK (status IN ('open', 'closed')), FOREIGN KEY(plan_id) REFERENCES "plan" (id), UNIQUE (fiscal_year))
table	wp_meta	wp_meta	CREATE TABLE wp_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"))
""",
    5: """\
index	ix_audit_entry	audit_event	CREATE INDEX ix_audit_entry ON audit_event (round_id, project_id, department_id)
index	ix_entry_department	entry	CREATE INDEX ix_entry_department ON entry (department_id, round_id)
index	ix_issued_file_round	issued_file	CREATE INDEX ix_issued_file_round ON issued_file (round_id, department_id)
index	ix_issued_value_entry	issued_value	CREATE INDEX ix_issued_value_entry ON issued_value (entry_id)
index	ix_merge_conflict_entry	merge_conflict	CREATE INDEX ix_merge_conflict_entry ON merge_conflict (entry_id, field, status)
index	ix_plan_node_plan	plan_node	CREATE INDEX ix_plan_node_plan ON plan_node (plan_id, depth, sort)
index	ix_project_link_successor	project_link	CREATE INDEX ix_project_link_successor ON project_link (successor_id)
index	ix_received_return_file	received_return	CREATE INDEX ix_received_return_file ON received_return (issued_file_id, revision)
index	ix_received_return_round	received_return	CREATE INDEX ix_received_return_round ON received_return (round_id, department_id)
index	ix_rejected_return_round	rejected_return	CREATE INDEX ix_rejected_return_round ON rejected_return (round_id, department_id)
index	ix_review_comment_entry	review_comment	CREATE INDEX ix_review_comment_entry ON review_comment (entry_id, field)
index	ix_review_comment_round	review_comment	CREATE INDEX ix_review_comment_round ON review_comment (round_id, status)
index	ix_review_note_comment	review_note	CREATE INDEX ix_review_note_comment ON review_note (comment_id, seq)
index	sqlite_autoindex_assignment_1	assignment	-
index	sqlite_autoindex_assignment_2	assignment	-
index	sqlite_autoindex_committee_member_1	committee_member	-
index	sqlite_autoindex_committee_member_2	committee_member	-
index	sqlite_autoindex_committee_opinion_1	committee_opinion	-
index	sqlite_autoindex_department_1	department	-
index	sqlite_autoindex_department_2	department	-
index	sqlite_autoindex_department_alias_1	department_alias	-
index	sqlite_autoindex_entry_1	entry	-
index	sqlite_autoindex_entry_2	entry	-
index	sqlite_autoindex_entry_value_1	entry_value	-
index	sqlite_autoindex_issued_file_1	issued_file	-
index	sqlite_autoindex_issued_value_1	issued_value	-
index	sqlite_autoindex_member_opinion_1	member_opinion	-
index	sqlite_autoindex_merge_conflict_1	merge_conflict	-
index	sqlite_autoindex_opinion_answer_1	opinion_answer	-
index	sqlite_autoindex_opinion_sheet_1	opinion_sheet	-
index	sqlite_autoindex_opinion_sheet_return_1	opinion_sheet_return	-
index	sqlite_autoindex_plan_1	plan	-
index	sqlite_autoindex_plan_2	plan	-
index	sqlite_autoindex_plan_node_1	plan_node	-
index	sqlite_autoindex_project_1	project	-
index	sqlite_autoindex_project_2	project	-
index	sqlite_autoindex_project_link_1	project_link	-
index	sqlite_autoindex_received_return_1	received_return	-
index	sqlite_autoindex_rejected_return_1	rejected_return	-
index	sqlite_autoindex_return_confirmation_1	return_confirmation	-
index	sqlite_autoindex_review_comment_1	review_comment	-
index	sqlite_autoindex_review_note_1	review_note	-
index	sqlite_autoindex_round_1	round	-
index	sqlite_autoindex_round_2	round	-
index	sqlite_autoindex_wp_meta_1	wp_meta	-
table	assignment	assignment	CREATE TABLE assignment (id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (project_id, department_id), FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	audit_event	audit_event	CREATE TABLE audit_event (id INTEGER NOT NULL, at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, action VARCHAR(32) NOT NULL, round_id VARCHAR(36), project_id VARCHAR(36), department_id VARCHAR(36), field TEXT NOT NULL, old TEXT, new TEXT, source_file TEXT NOT NULL, source_sha256 VARCHAR(64) NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id))
table	committee_member	committee_member	CREATE TABLE committee_member (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, name TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, name), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE)
table	committee_opinion	committee_opinion	CREATE TABLE committee_opinion (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, node_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(node_id) REFERENCES plan_node (id), FOREIGN KEY(project_id) REFERENCES project (id))
table	department	department	CREATE TABLE department (id VARCHAR(36) NOT NULL, name TEXT NOT NULL, kind VARCHAR(16) NOT NULL, sort INTEGER NOT NULL, active BOOLEAN NOT NULL, note TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_department_kind CHECK (kind IN ('city', 'council')), UNIQUE (name))
table	department_alias	department_alias	CREATE TABLE department_alias (alias TEXT NOT NULL, department_id VARCHAR(36) NOT NULL, PRIMARY KEY (alias), FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE)
table	entry	entry	CREATE TABLE entry (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, project_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, sort INTEGER NOT NULL, updated_at VARCHAR(32), updated_by TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (round_id, project_id, department_id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	entry_value	entry_value	CREATE TABLE entry_value (entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, value TEXT NOT NULL, PRIMARY KEY (entry_id, field), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	issue_secret	issue_secret	CREATE TABLE issue_secret (id INTEGER NOT NULL, secret VARCHAR(64) NOT NULL, created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issue_secret_single CHECK (id = 1))
table	issued_file	issued_file	CREATE TABLE issued_file (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_format VARCHAR(8) NOT NULL, file_name TEXT NOT NULL, issued_at VARCHAR(32) NOT NULL, issued_by TEXT NOT NULL, entry_keys TEXT NOT NULL, context TEXT NOT NULL, mac VARCHAR(64) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_issued_file_format CHECK (file_format IN ('wpdb', 'xlsx')), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	issued_value	issued_value	CREATE TABLE issued_value (issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, value TEXT NOT NULL, base_value TEXT NOT NULL, PRIMARY KEY (issued_file_id, entry_id, field), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE, FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	member_opinion	member_opinion	CREATE TABLE member_opinion (id VARCHAR(36) NOT NULL, member_id VARCHAR(36) NOT NULL, project_id VARCHAR(36), text TEXT NOT NULL, received_at VARCHAR(32) NOT NULL, chosen_id VARCHAR(36), PRIMARY KEY (id), FOREIGN KEY(member_id) REFERENCES committee_member (id) ON DELETE CASCADE, FOREIGN KEY(project_id) REFERENCES project (id), FOREIGN KEY(chosen_id) REFERENCES committee_opinion (id) ON DELETE SET NULL)
table	merge_conflict	merge_conflict	CREATE TABLE merge_conflict (id VARCHAR(36) NOT NULL, return_id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, base_value TEXT NOT NULL, file_value TEXT NOT NULL, master_value TEXT NOT NULL, status VARCHAR(16) NOT NULL, resolution VARCHAR(16) NOT NULL, resolved_value TEXT, created_at VARCHAR(32) NOT NULL, resolved_at VARCHAR(32), resolved_by TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_conflict_status CHECK (status IN ('open', 'resolved', 'superseded')), CONSTRAINT ck_conflict_resolution CHECK (resolution IN ('', 'file', 'master', 'manual')), FOREIGN KEY(return_id) REFERENCES received_return (id), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	opinion_answer	opinion_answer	CREATE TABLE opinion_answer (opinion_id VARCHAR(36) NOT NULL, department_id VARCHAR(36), text TEXT NOT NULL, updated_at VARCHAR(32) NOT NULL, updated_by TEXT NOT NULL, PRIMARY KEY (opinion_id), FOREIGN KEY(opinion_id) REFERENCES committee_opinion (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id))
table	opinion_sheet	opinion_sheet	CREATE TABLE opinion_sheet (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, member_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, issued_at VARCHAR(32) NOT NULL, issued_by TEXT NOT NULL, mac VARCHAR(64) NOT NULL, PRIMARY KEY (id), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(member_id) REFERENCES committee_member (id) ON DELETE CASCADE)
table	opinion_sheet_return	opinion_sheet_return	CREATE TABLE opinion_sheet_return (id VARCHAR(36) NOT NULL, sheet_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, received_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, changed INTEGER NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_opinion_return_outcome CHECK (outcome IN ('applied', 'unchanged')), FOREIGN KEY(sheet_id) REFERENCES opinion_sheet (id) ON DELETE CASCADE)
table	plan	plan	CREATE TABLE plan (id VARCHAR(36) NOT NULL, "key" TEXT NOT NULL, name TEXT NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, philosophy TEXT NOT NULL, issuer TEXT NOT NULL, levels TEXT NOT NULL, form TEXT NOT NULL, texts TEXT NOT NULL, attributes TEXT NOT NULL, predecessor_id VARCHAR(36), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_period CHECK (period_start <= period_end), UNIQUE ("key"), FOREIGN KEY(predecessor_id) REFERENCES "plan" (id))
table	plan_node	plan_node	CREATE TABLE plan_node (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, parent_id VARCHAR(36), depth INTEGER NOT NULL, number INTEGER, name TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_plan_node_depth CHECK (depth >= 0 AND depth <= 3), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(parent_id) REFERENCES plan_node (id) ON DELETE CASCADE)
table	project	project	CREATE TABLE project (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, node_id VARCHAR(36) NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, attributes TEXT NOT NULL, sort INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (plan_id, label), FOREIGN KEY(plan_id) REFERENCES "plan" (id) ON DELETE CASCADE, FOREIGN KEY(node_id) REFERENCES plan_node (id) ON DELETE CASCADE)
table	project_link	project_link	CREATE TABLE project_link (predecessor_id VARCHAR(36) NOT NULL, successor_id VARCHAR(36) NOT NULL, PRIMARY KEY (predecessor_id, successor_id), FOREIGN KEY(predecessor_id) REFERENCES project (id) ON DELETE CASCADE, FOREIGN KEY(successor_id) REFERENCES project (id) ON DELETE CASCADE)
table	received_return	received_return	CREATE TABLE received_return (id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, revision INTEGER NOT NULL, received_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, applied_fields INTEGER NOT NULL, conflict_fields INTEGER NOT NULL, submitted_at VARCHAR(32), submitted_by TEXT NOT NULL, submitted_os_user TEXT NOT NULL, submitted_host TEXT NOT NULL, submitted_revision INTEGER, PRIMARY KEY (id), CONSTRAINT ck_received_return_outcome CHECK (outcome IN ('applied', 'unchanged', 'conflicts')), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id), FOREIGN KEY(round_id) REFERENCES round (id), FOREIGN KEY(department_id) REFERENCES department (id))
table	rejected_return	rejected_return	CREATE TABLE rejected_return (id VARCHAR(36) NOT NULL, issued_file_id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, department_id VARCHAR(36) NOT NULL, file_name TEXT NOT NULL, sha256 VARCHAR(64) NOT NULL, rejected_at VARCHAR(32) NOT NULL, os_user TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, returns_seen INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE, FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE)
table	return_confirmation	return_confirmation	CREATE TABLE return_confirmation (return_id VARCHAR(36) NOT NULL, kind VARCHAR(16) NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, confirmed_at VARCHAR(32), confirmed_revision INTEGER, PRIMARY KEY (return_id), CONSTRAINT ck_return_confirmation_kind CHECK (kind IN ('confirmed', 'none')), FOREIGN KEY(return_id) REFERENCES received_return (id) ON DELETE CASCADE)
table	review_comment	review_comment	CREATE TABLE review_comment (id VARCHAR(36) NOT NULL, round_id VARCHAR(36) NOT NULL, entry_id VARCHAR(36) NOT NULL, field VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL, created_at VARCHAR(32) NOT NULL, created_by TEXT NOT NULL, sent_file_id VARCHAR(36), sent_at VARCHAR(32), closed_at VARCHAR(32), closed_by TEXT NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_review_comment_status CHECK (status IN ('open', 'resolved')), FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE, FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE)
table	review_note	review_note	CREATE TABLE review_note (id VARCHAR(36) NOT NULL, comment_id VARCHAR(36) NOT NULL, kind VARCHAR(16) NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL, at VARCHAR(32) NOT NULL, seq INTEGER NOT NULL, file_id VARCHAR(36), PRIMARY KEY (id), CONSTRAINT ck_review_note_kind CHECK (kind IN ('comment', 'reply', 'resolve', 'keep')), FOREIGN KEY(comment_id) REFERENCES review_comment (id) ON DELETE CASCADE)
table	round	round	CREATE TABLE round (id VARCHAR(36) NOT NULL, plan_id VARCHAR(36) NOT NULL, fiscal_year INTEGER NOT NULL, status VARCHAR(16) NOT NULL, deadline VARCHAR(10), published_on VARCHAR(10), created_at VARCHAR(32) NOT NULL, PRIMARY KEY (id), CONSTRAINT ck_round_status CHECK (status IN ('open', 'closed')), FOREIGN KEY(plan_id) REFERENCES "plan" (id), UNIQUE (fiscal_year))
table	wp_meta	wp_meta	CREATE TABLE wp_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"))
""",
}

#: version → the normalised ``sqlite_master`` rows of that version's schema
SNAPSHOTS: dict[int, tuple[SchemaRow, ...]] = {v: parse_snapshot(t) for v, t in _TEXT.items()}
