"""Forms from the schema and the case store, without a server: every kind, every example file."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from conftest import INBOX
from generator import api
from generator.load import parse_yaml
from generator.web import schemaform as sf
from generator.web.kinds import KIND_TITLES, classify_party
from generator.yamledit import changes_between
from schemas import KINDS
from schemas.parties import Facility, Organisation

EXAMPLES = sorted(INBOX.glob("*.yaml"))


def submitted(tree: dict) -> dict[str, list[str]]:
    """What a browser sends for a form rendered from `tree`, untouched."""
    values: dict[str, list[str]] = {}

    def add(name: str, value: str) -> None:
        values.setdefault(name, []).append(value)

    def walk(node: dict) -> None:
        if node.get("party"):
            add(node["party"]["name"], node["party"]["selected"])
            add(node["party"]["newname_field"], node["party"]["newname"])
        for child in node.get("children", []):
            widget = child["widget"]
            if widget in ("model",):
                walk(child)
            elif widget == "list":
                add(f"{child['name']}.__list", "1")
                for row in child["rows"]:
                    add(f"{row['name']}.__row", "1")
                    if row["widget"] == "model":
                        walk(row)
                    else:
                        add(row["name"], row["value"])
            elif widget == "choices":
                add(f"{child['name']}.__choices", "1")
                for value in child["value"]:
                    add(child["name"], value)
            else:
                add(child["name"], child["value"])

    walk(tree)
    return values


def test_every_kind_has_a_japanese_name():
    assert set(KIND_TITLES) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_form_whose_fields_carry_their_japanese_titles(kind):
    tree = sf.form_tree(KINDS[kind], {"kind": kind}, sf.Context())
    labels = [c["label"] for c in tree["children"]]
    assert labels and all(labels)
    model_titles = {info.title for name, info in KINDS[kind].model_fields.items() if name not in sf.HIDDEN_FIELDS}
    assert model_titles <= set(labels) | {None}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_an_example_case_opened_and_saved_untouched_changes_nothing(path):
    raw, _positions, _problems = parse_yaml(path.read_text(encoding="utf-8"), path)
    model = KINDS[raw["kind"]]
    context = sf.Context(parties_for=lambda base: [("sakura-kai", "さくら"), ("sakura-en", "さくら苑")])
    after, form = sf.parse_case(model, submitted(sf.form_tree(model, raw, context)), raw)
    assert changes_between(raw, after) == []
    assert form.new_parties == []


def test_a_form_turns_typed_text_into_the_values_the_schema_reads():
    model = KINDS["epa_return_home"]
    values = {"return_date": ["2026-12-01"], "reason": ["在留期間満了"], "person.name": ["  アニサ  "],
              "person.qualified": ["true"], "report_date": ["2026-02-30"], "institution.__ref": ["sakura-kai"],
              "institution.name": [""], "departure.date": [""], "departure.airport": ["成田国際空港"],
              "destination_address": ["Jl. Contoh 12"]}
    data, _form = sf.parse_case(model, values, {"kind": "epa_return_home"})
    assert data["return_date"] == dt.date(2026, 12, 1)
    assert data["report_date"] == "2026-02-30"  # wrong, kept as typed for its message
    assert data["person"] == {"name": "アニサ", "qualified": True}
    assert data["institution"] == {"ref": "sakura-kai"}
    assert data["departure"] == {"airport": "成田国際空港"}
    assert data["destination_address"] == "Jl. Contoh 12"


def test_new_party_from_a_case_form_takes_the_party_fields_along():
    model = KINDS["epa_return_home"]
    values = {"institution.__ref": ["__new__"], "institution.__newname": ["kakuu-fukushi"],
              "institution.name": ["社会福祉法人架空福祉会"], "institution.phone": ["03-0000-0000"]}
    data, form = sf.parse_case(model, values, {"kind": "epa_return_home"})
    assert data["institution"] == {"ref": "kakuu-fukushi"}
    assert form.new_parties[0][1:] == ("kakuu-fukushi", Organisation,
                                       {"name": "社会福祉法人架空福祉会", "phone": "03-0000-0000"})


def test_rows_are_added_and_removed_without_script():
    data = {"facilities": [{"ref": "a"}, {"ref": "b"}]}
    sf.apply_row_action(data, "add:facilities")
    assert data["facilities"] == [{"ref": "a"}, {"ref": "b"}, {}]
    sf.apply_row_action(data, "remove:facilities.0")
    assert data["facilities"] == [{"ref": "b"}, {}]


def test_parties_files_are_told_apart_by_what_their_model_accepts():
    def read(name):
        return parse_yaml((INBOX / "parties" / f"{name}.yaml").read_text(encoding="utf-8"), Path(name))[0]

    assert classify_party(read("sakura-en")) is Facility
    assert classify_party(read("sakura-kai")) is Organisation


def _touch(path: Path) -> None:
    later = time.time() + 5
    os.utime(path, (later, later))


def test_the_store_checks_a_case_again_only_when_its_files_change(inbox_copy):
    store = api.CaseStore(inbox_copy)
    first = store.case_set()
    count = len(first.cases)
    assert store.rechecked == count
    store.case_set()
    assert store.rechecked == count
    _touch(inbox_copy / "epa-death-nam.yaml")
    store.case_set()
    assert store.rechecked == count + 1
    users = [c for c in first.cases if any(s.path.name == "sakura-en.yaml" for s in c.loaded.sources[1:])]
    _touch(inbox_copy / "parties" / "sakura-en.yaml")
    store.case_set()
    assert store.rechecked == count + 1 + len(users) and users


def test_the_store_notices_a_parties_file_that_appears_and_a_case_that_goes(inbox_copy):
    case = inbox_copy / "epa-death-nam.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("{ref: sakura-kai}", "{ref: kita-fukushi}"),
                    encoding="utf-8")
    store = api.CaseStore(inbox_copy)
    assert store.checked(case).errors
    (inbox_copy / "parties" / "kita-fukushi.yaml").write_text(
        (inbox_copy / "parties" / "sakura-kai.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert not store.checked(case).errors
    case.unlink()
    assert store.checked(case) is None


def test_the_stores_deadlines_follow_today(inbox_copy):
    store = api.CaseStore(inbox_copy)
    cases = store.case_set()
    before = {d.key: d.status for d in store.deadlines(cases, dt.date(2026, 11, 1)) if d.case_id == "epa-return-home-dewi"}
    after = {d.key: d.status for d in store.deadlines(cases, dt.date(2026, 12, 1)) if d.case_id == "epa-return-home-dewi"}
    assert set(before.values()) == {"upcoming"} and set(after.values()) == {"overdue"}
    assert store.deadlines(cases, dt.date(2026, 12, 1))[0].status == api.deadlines_of(cases, dt.date(2026, 12, 1))[0].status


def test_add_user_stores_an_argon2_hash_owner_only(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import cli
    from generator.web.security import Users

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    result = CliRunner().invoke(cli, ["serve", "--add-user", "sato"], input="kakuu-pass-9999\nkakuu-pass-9999\n")
    assert result.exit_code == 0, result.output
    path = tmp_path / "config" / "formgen" / "users.toml"
    text = path.read_text(encoding="utf-8")
    assert "$argon2id$" in text and "kakuu-pass-9999" not in text
    assert os.stat(path).st_mode & 0o077 == 0
    users = Users.load(path)
    assert users.verify("sato", "kakuu-pass-9999") and not users.verify("sato", "wrong-pass-0000")
    short = CliRunner().invoke(cli, ["serve", "--add-user", "suzuki"], input="short\nshort\n")
    assert short.exit_code != 0 and "suzuki" not in path.read_text(encoding="utf-8")
