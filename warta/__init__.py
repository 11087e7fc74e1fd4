"""Warta: content-as-code publishing for Indonesian government media centres.

Data flows one way: load (read and validate every release bundle) -> collect (one
immutable Site of what is public now) -> render (MkDocs pages through hooks, plus pure
builders) -> write (into a temporary folder, swapped into place on success).
"""

__version__ = "0.1.0"
