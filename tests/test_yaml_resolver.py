"""The fast YAML reader resolves and builds exactly what PyYAML's safe loader and the tree
dataclasses would: tags of tricky scalars, composed node tags, the fast constructors."""

from __future__ import annotations

import contextlib
import gc
import pickle
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import PROFILE
from validator.errors import InputError
from validator.model import Location
from validator.read import yaml_reader
from validator.read.yaml_reader import parse_yaml_tree, resolve_plain
from validator.tree import Entry, MappingNode, Scalar, SequenceNode

TRICKY = [
    # null
    "", "~", "null", "Null", "NULL", "nULL", "nul", "None", "none",
    # bool (YAML 1.1)
    "yes", "Yes", "YES", "yEs", "no", "No", "NO", "y", "Y", "n", "N", "true", "True", "TRUE",
    "tRUE", "false", "False", "FALSE", "on", "On", "ON", "oN", "off", "Off", "OFF", "oFF",
    # int
    "0", "-0", "+0", "1", "-1", "+1", "007", "0o17", "0o8", "0x1F", "0X1F", "0xG", "0b101", "0b102",
    "0b", "0x", "0o", "1_000", "_1", "1_", "+1_0", "1:20", "-1:20:30", "1:60", "190:20:30",
    "1:2:3:4", "12:5", "1__2", "08", "09", "0_8",
    # float
    "1.0", "1.", ".5", "-.5", "+.5", "1e3", "1.0e+3", "1.0E-3", "1.0e3", "1.e+3", "._1", "1_2.3_4",
    "1:20.5", "-1:20.5", "1:2.5e+3", ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".iNf", "inf",
    ".nan", ".NaN", ".NAN", "-.nan", "nan", "0.", "-0.0", "1,5", "94,47%", "1.234.567", "1.234,56",
    "Rp 1.000", "1e", "e3", ".", "-", "+", "+-1", "--1",
    # timestamp
    "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z",
    "2001-12-14 21:59:43.10 -5", "2002-1-1", "2002-13-45", "2002-01-01x", "20021-01-01",
    "2024-02-29", "2023-12-31T23:59:59+07:00", "2001-12-14\t21:59:43",
    # merge, value, yaml and others
    "<<", "<", "<<<", "<< ", "=", "==", "=x", "!", "&", "*", "!x", "&a", "*a", "text",
    "Dinas Sosial", "1.06.04", "S1.I1", "%", "-x", "+x", "x:y", "1 2", "1\n2", "yes\n", "1\n",
    "\u00e9", "\u0660", "\uff11", "\u0967\u0968",
]
QUOTED_LIKE = [f"'{v}'" for v in ("1", "yes", "<<")] + [f'"{v}"' for v in ("1", "~", "=")]


@pytest.fixture
def resolver() -> yaml.resolver.Resolver:
    return yaml.resolver.Resolver()


@pytest.mark.parametrize("value", TRICKY + QUOTED_LIKE)
def test_plain_scalars_resolve_like_pyyaml(resolver: yaml.resolver.Resolver, value: str) -> None:
    expected = resolver.resolve(yaml.ScalarNode, value, (True, False))
    assert resolve_plain(value) == expected
    assert resolve_plain(value) == expected  # remembered the same


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False), (True, True)])
def test_loader_resolves_like_pyyaml(
    resolver: yaml.resolver.Resolver, value: str, implicit: tuple[bool, bool]
) -> None:
    loader = yaml_reader._Loader("")
    try:
        assert loader.resolve(yaml.ScalarNode, value, implicit) == resolver.resolve(
            yaml.ScalarNode, value, implicit
        )
    finally:
        loader.dispose()


@pytest.mark.parametrize("kind", [yaml.SequenceNode, yaml.MappingNode])
@pytest.mark.parametrize("implicit", [True, False])
def test_collections_resolve_like_pyyaml(
    resolver: yaml.resolver.Resolver, kind: type[yaml.Node], implicit: bool
) -> None:
    loader = yaml_reader._Loader("")
    try:
        assert loader.resolve(kind, None, implicit) == resolver.resolve(kind, None, implicit)
    finally:
        loader.dispose()


def test_the_safe_loader_has_no_path_resolvers() -> None:
    # The fast loader's do-nothing descend/ascend_resolver rely on it.
    assert not yaml.SafeLoader.yaml_path_resolvers
    assert not getattr(yaml, "CSafeLoader", yaml.SafeLoader).yaml_path_resolvers
    assert yaml_reader._Loader is not yaml_reader._BaseLoader


def test_the_remembered_tags_stay_bounded() -> None:
    for number in range(yaml_reader._PLAIN_TAGS_MAX + 10):
        assert resolve_plain(str(number)) == "tag:yaml.org,2002:int"
    assert resolve_plain("1" * (yaml_reader._PLAIN_TAG_LENGTH + 1)) == "tag:yaml.org,2002:int"
    assert len(yaml_reader._PLAIN_TAGS) <= yaml_reader._PLAIN_TAGS_MAX
    assert all(len(value) <= yaml_reader._PLAIN_TAG_LENGTH for value in yaml_reader._PLAIN_TAGS)


_YAML_ALPHABET = st.sampled_from([*"0123456789_.:-+eE xXoObB~<=!&*'\"yYnNtTfFaAlLsSuUrR\t", "inf", "nan"])


@PROFILE
@given(st.lists(_YAML_ALPHABET, max_size=12).map("".join) | st.text(max_size=12))
def test_property_plain_scalars_resolve_like_pyyaml(value: str) -> None:
    expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    assert resolve_plain(value) == expected


def _tags(node: yaml.Node) -> list[tuple[str, object, int, int]]:
    found = [
        (
            node.tag,
            node.value if isinstance(node, yaml.ScalarNode) else None,
            node.start_mark.line,
            node.start_mark.column,
        )
    ]
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _tags(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _tags(key) + _tags(value)
    return found


def _document(values: list[str]) -> str:
    lines = []
    for number, value in enumerate(values):
        text = value.replace("\n", " ").replace("\t", " ")
        lines.append(f"- {number}: {text}")
        lines.append(f"  {text}: {number}")
        lines.append(f"  l{number}: [{text}]")
        lines.append(f"  q{number}: '{text}'")
        lines.append(f"  t{number}: ! {text}")
        lines.append(f"  s{number}: !!str {text}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("base", ["SafeLoader", "CSafeLoader"])
def test_composed_tags_are_pyyaml_s(base: str) -> None:
    loader = getattr(yaml, base, yaml.SafeLoader)
    values = [v for v in TRICKY if v.strip() == v and v not in ("", "!", "&", "*", "-", "!x", "&a", "*a")]
    for value in values:  # one document per value: a syntax error must not hide the others
        text = _document([value])
        try:
            expected = _tags(yaml.compose(text, Loader=loader))
        except yaml.YAMLError:
            with pytest.raises(yaml.YAMLError):
                yaml.compose(text, Loader=yaml_reader._Loader)
            continue
        assert _tags(yaml.compose(text, Loader=yaml_reader._Loader)) == expected, value


def test_merge_and_value_keys() -> None:
    with pytest.raises(InputError) as merge:
        parse_yaml_tree("a: 1\n<<: {b: 2}\n", "r.yaml")
    assert [(p.key, str(p.location)) for p in merge.value.problems] == [("yaml_alias", "r.yaml:2:1")]
    with pytest.raises(InputError) as value:
        parse_yaml_tree("a: =\n", "r.yaml")
    assert [(p.key, p.params) for p in value.value.problems] == [
        ("yaml_tag", {"tag": "tag:yaml.org,2002:value"})
    ]
    tree = parse_yaml_tree("'<<': 1\n=: 2\n", "r.yaml")
    assert isinstance(tree, MappingNode) and list(tree.items) == ["<<", "="]


def test_fast_constructors_build_the_dataclasses() -> None:
    location = yaml_reader._location("r.yaml", 3, 7)
    assert type(location) is Location
    assert location == Location("r.yaml", 3, 7)
    assert hash(location) == hash(Location("r.yaml", 3, 7))
    assert repr(location) == repr(Location("r.yaml", 3, 7))
    assert str(location) == "r.yaml:3:7"
    scalar = yaml_reader._scalar("1", "int", location, False)
    assert type(scalar) is Scalar and scalar == Scalar("1", "int", Location("r.yaml", 3, 7))
    assert repr(scalar) == repr(Scalar("1", "int", Location("r.yaml", 3, 7)))
    entry = yaml_reader._entry(location, scalar)
    assert type(entry) is Entry and entry == Entry(Location("r.yaml", 3, 7), scalar)
    with pytest.raises(AttributeError):
        location.line = 4  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(entry)) == entry


def test_tree_equals_one_built_with_the_dataclasses() -> None:
    tree = parse_yaml_tree("a: 1\nb: ['x', [~, yes]]\n", "r.yaml")
    where = Location
    assert tree == MappingNode(
        where("r.yaml", 1, 1),
        {
            "a": Entry(where("r.yaml", 1, 1), Scalar("1", "int", where("r.yaml", 1, 4))),
            "b": Entry(
                where("r.yaml", 2, 1),
                SequenceNode(
                    where("r.yaml", 2, 4),
                    [
                        Scalar("x", "str", where("r.yaml", 2, 5), quoted=True),
                        SequenceNode(
                            where("r.yaml", 2, 10),
                            [
                                Scalar("~", "null", where("r.yaml", 2, 11)),
                                Scalar("yes", "bool", where("r.yaml", 2, 14)),
                            ],
                        ),
                    ],
                ),
            ),
        },
    )


@pytest.mark.parametrize("text", ["a: 1\n", "a: &x 1\nb: *x\n", "a: [1\n"])
@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collection_is_restored(text: str, enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with contextlib.suppress(InputError):
            parse_yaml_tree(text, "r.yaml")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_reports_read_the_same_with_pyyaml_s_resolver() -> None:
    # The whole reader with PyYAML's own resolver gives the very same tree.
    text = Path(__file__).parent.joinpath("corpus", "base", "report.yaml").read_text(encoding="utf-8")
    fast = parse_yaml_tree(text, "r.yaml")
    original = yaml_reader._Loader
    try:
        yaml_reader._Loader = yaml_reader._BaseLoader
        assert parse_yaml_tree(text, "r.yaml") == fast
    finally:
        yaml_reader._Loader = original
