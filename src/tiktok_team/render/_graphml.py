"""GraphML: the plan's role graph for graph tools (yEd, Gephi, Cytoscape) and for ``networkx.read_graphml``.

GraphML attribute values are scalars, so attributes are converted: ``None`` is left out (a role outside any team
simply has no ``team``), a list or tuple becomes its items joined with commas (as ``rules`` already is), and
booleans, numbers and strings stay as they are. Every node also gets a ``label`` in the chosen language, the name
graph tools show. The graph is directed, and ``collaborates`` / ``can_cover`` stay as two edges, one each way. An
edge's GraphML id, unique in the document as graph tools expect, is ``TAIL-KIND-HEAD``; its ``kind`` attribute is its
key in ``Plan.graph``. So ``nx.read_graphml(path, force_multigraph=True)`` reads back the same nodes, node attributes
(bar ``None``) and edges, keyed by that id; re-key them by ``kind`` to get exactly ``Plan.graph``'s keys.

The document is written here, line by line, in the very form ``networkx.write_graphml`` (its ElementTree writer,
pretty-printed) gives: the same declaration, the same ``key`` ids (``d0``, ``d1``... in the order each attribute is
first met, nodes before edges, declared newest first), the same escaping and indentation. Building a networkx graph
and an element tree for it took 1.1-1.8 ms a plan, nine tenths of it in networkx and ElementTree; and the writer
networkx picks changes with whether ``lxml`` is installed, where this one does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._lazy import publish
from .._plan import Plan
from ._chart import Lang, check_lang, phrase

__all__ = ["graphml_value", "render_graphml"]

_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
# GraphML's name for each type of value (the names networkx writes: a Python int is a "long", a float a "double").
_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}


def graphml_value(value: object) -> str | int | float | bool | None:
    """A value GraphML can hold: ``None`` stays ``None`` (to be left out), a list or tuple is joined by commas.

    Examples
    --------
    >>> graphml_value(("a", "b")), graphml_value(None), graphml_value(2)
    ('a,b', None, 2)
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return ",".join(str(item) for item in items)
    return str(value)


def _attrs(data: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    converted = {name: graphml_value(value) for name, value in data.items()}
    return {name: value for name, value in converted.items() if value is not None}


def _text(text: str) -> str:
    """``text`` escaped as XML character data, as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    """``text`` escaped as a double-quoted XML attribute value, as ElementTree escapes it (line breaks and tabs as
    character references, so that they survive being read back)."""
    text = _text(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _type(value: object) -> str:
    """GraphML's type of ``value`` (one of :data:`_TYPES`, or a subclass of one: an enum member of str, say)."""
    found = _TYPES.get(type(value))
    return found if found is not None else next(_TYPES[base] for base in type(value).__mro__ if base in _TYPES)


class _Keys:
    """The ``key`` declarations of a document: an id for each (name, type, scope), in the order first met."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def data(self, items: Iterable[tuple[str, str | int | float | bool]], scope: str, indent: str) -> list[str]:
        """The ``data`` lines of an element's attributes, declaring the keys they are the first to use."""
        lines = []
        for name, value in items:
            key = (name, _type(value), scope)
            found = self.ids.get(key)
            if found is None:
                found = self.ids[key] = f"d{len(self.ids)}"
            text = _text(str(value))
            lines.append(f'{indent}<data key="{found}">{text}</data>' if text else f'{indent}<data key="{found}" />')
        return lines

    def declarations(self) -> list[str]:
        """The ``key`` lines, the last declared first (as networkx inserts each at the top)."""
        return [
            f'  <key id="{key_id}" for="{scope}" attr.name="{_attribute(name)}" attr.type="{kind}" />'
            for (name, kind, scope), key_id in reversed(self.ids.items())
        ]


def _element(opening: str, lines: list[str], indent: str) -> list[str]:
    """An element holding ``lines``, or empty (``<tag ... />``) when they are none."""
    if not lines:
        return [f"{indent}<{opening} />"]
    return [f"{indent}<{opening}>", *lines, f"{indent}</{opening.split(' ', 1)[0]}>"]


def render_graphml(plan: Plan, lang: Lang = "en") -> str:
    """Render the plan's role graph as GraphML.

    Parameters
    ----------
    plan : Plan
    lang : {"en", "zh", "both"}
        Language of the ``label`` attribute added to each node (``both``: ``English / 中文``).

    Returns
    -------
    str
        A GraphML document ending in a newline.

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> import io
    >>> import networkx as nx
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    >>> graph = nx.read_graphml(io.BytesIO(render_graphml(plan).encode()), force_multigraph=True)
    >>> graph.has_edge("live_controller", "streamer", key="live_controller-feeds-streamer")
    True
    >>> graph.nodes["streamer"]["label"], graph.nodes["streamer"]["headcount"]
    ('Streamer', 1)
    >>> sorted((a, b, d["kind"]) for a, b, d in graph.edges(data=True)) == sorted(plan.graph.edges(keys=True))
    True
    """
    lang = check_lang(lang)
    source = plan.graph
    keys = _Keys()
    body: list[str] = []
    for node, data in source.nodes(data=True):
        label = phrase(str(data.get("en", node)), str(data.get("zh", node)), lang)
        lines = keys.data({**_attrs(data), "label": label}.items(), "node", "      ")
        body += _element(f'node id="{_attribute(str(node))}"', lines, "    ")
    for tail, head, kind, data in source.edges(keys=True, data=True):
        lines = keys.data(_attrs(data).items(), "edge", "      ")
        ids = (_attribute(str(part)) for part in (tail, head, f"{tail}-{kind}-{head}"))
        body += _element('edge source="{}" target="{}" id="{}"'.format(*ids), lines, "    ")
    document = [_HEAD, *keys.declarations(), *_element('graph edgedefault="directed"', body, "  "), "</graphml>"]
    # as ElementTree writes UTF-8: a character it cannot encode (a lone surrogate) as a character reference
    return "\n".join(document).encode("utf-8", "xmlcharrefreplace").decode("utf-8") + "\n"


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
