"""Python generated from forms/*.ui by forms/compile_forms.py. Do not edit these files."""
