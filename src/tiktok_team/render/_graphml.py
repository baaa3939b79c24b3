"""GraphML: the plan's role graph for graph tools (yEd, Gephi, Cytoscape) and for ``networkx.read_graphml``.

GraphML attribute values are scalars, and networkx's writer refuses ``None`` and lists, so attributes are
converted: ``None`` is left out (a role outside any team simply has no ``team``), a list or tuple becomes its
items joined with commas (as ``rules`` already is), and booleans, numbers and strings stay as they are. Every
node also gets a ``label`` in the chosen language, the name graph tools show. The graph is directed, and
``collaborates`` / ``can_cover`` stay as two edges, one each way. An edge's GraphML id, unique in the document as
graph tools expect, is ``TAIL-KIND-HEAD``; its ``kind`` attribute is its key in ``Plan.graph``. So
``nx.read_graphml(path, force_multigraph=True)`` reads back the same nodes, node attributes (bar ``None``) and
edges, keyed by that id; re-key them by ``kind`` to get exactly ``Plan.graph``'s keys.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import networkx as nx

from .._lazy import publish
from .._plan import Plan
from ._chart import Lang, check_lang, phrase

__all__ = ["graphml_value", "render_graphml"]


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
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in source.nodes(data=True):
        label = phrase(str(data.get("en", node)), str(data.get("zh", node)), lang)
        graph.add_node(node, **_attrs(data), label=label)
    for tail, head, key, data in source.edges(keys=True, data=True):
        graph.add_edge(tail, head, key=f"{tail}-{key}-{head}", **_attrs(data))
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
