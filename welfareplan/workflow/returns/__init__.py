"""Returned files, in the order a merge runs: reading a file into plain data
(:mod:`.reading` for department files, :mod:`.worksheet_reader` and :mod:`.worksheet_cells` for
Excel worksheets, all giving a :class:`.returned_file.ReturnedFile`), the acceptance checks
against the master (:mod:`.checks`), the ordering of returns and the three-way comparison that
make the preview (:mod:`.compare`, types in :mod:`.merge_types`), applying the preview
(:mod:`.apply`), conflicts left open (:mod:`.conflicts`) and the journal of rejected files
(:mod:`.rejections`). See docs/architecture.md for the whole path of a returned file."""
