"""The field readers: the parts the grammar found, read into the values of the model.

Each reader is a function of the lines it reads: :mod:`~cablekit.fields.header` the
transmission header, :mod:`~cablekit.fields.head` the head of the text, :mod:`~cablekit.fields.text`
the paragraphs, :mod:`~cablekit.fields.references` the REF field, and so on;
:mod:`~cablekit.fields.identity` decides which cable it is.  :func:`read_cable` reads a whole
:class:`~cablekit.grammar.Document` into a :class:`~cablekit.models.Cable`.
"""

from cablekit.fields.cable import read_cable

__all__ = ["read_cable"]
