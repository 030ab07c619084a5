"""newsfrag clean through the CLI: --explain, --rules, and output the readers take back."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import invoke


def test_explain_in_json_lists_what_was_dropped_and_why(examples: Path) -> None:
    # With --favour recall: at balanced odds the last paragraph, a sentence mostly in
    # a link right before the footer, goes (article 0.14; bench/NOTES.md says why).
    ran = invoke(
        "clean", "--json", "--explain", "--favour", "recall", str(examples / "york-floods.txt")
    )
    record = json.loads(ran.stdout)
    assert [(d["fragment"], d["rule"]) for d in record["dropped"]] == [
        (2, "empty"),
        (8, "newsletter-signup"),
        (9, "copyright"),
    ]
    assert len(record["fragments"]) == 7
    assert not any("class=" in f for f in record["fragments"])
    assert (
        '<a href="https://www.example.co.uk/news/uk-england-york-60000001">'
        in (record["fragments"][6])
    )


def test_plain_output_is_the_lines_form_and_explain_goes_to_stderr(examples: Path) -> None:
    ran = invoke("clean", "--explain", str(examples / "kyiv-power.json"))
    assert ran.code == 0
    assert ran.stdout.splitlines()[0] == (
        "<b>Power was restored to most of Kyiv on Sunday after a night of drone strikes.</b>"
    )
    assert len(ran.stdout.splitlines()) == 4
    assert ran.stderr == (
        f"{examples / 'kyiv-power.json'}: fragment 4 dropped by social-follow: "
        "Follow us on Facebook, on X @ExampleWorld, or on Instagram.\n"
    )


def test_clean_output_reads_back_as_the_same_documents(examples: Path) -> None:
    once = invoke("clean", str(examples)).stdout
    assert invoke("clean", stdin=once).stdout == once
    as_json = invoke("clean", "--json", str(examples)).stdout
    assert invoke("clean", "--json", stdin=as_json).stdout == as_json


def test_a_users_rule_drops_through_the_cli_and_is_named(tmp_path: Path) -> None:
    rules = tmp_path / "house.rules"
    rules.write_text("# house style\nferry-note\t^ferry times\n", encoding="utf-8")
    article = '["The ferry left at noon.", "Ferry times are on our website."]'
    ran = invoke("clean", "--explain", "--rules", str(rules), stdin=article)
    assert (ran.code, ran.stdout) == (0, "The ferry left at noon.\n")
    assert ran.stderr == "-: fragment 1 dropped by ferry-note: Ferry times are on our website.\n"


def test_a_bad_rules_file_is_a_usage_error_naming_its_line(tmp_path: Path) -> None:
    rules = tmp_path / "house.rules"
    rules.write_text("# fine\noops\n", encoding="utf-8")
    ran = invoke("clean", "--rules", str(rules), stdin="['a']")
    assert ran.code == 2
    assert f"{rules}:2:" in ran.stderr
    assert ran.stdout == ""


def test_keep_boilerplate_keeps_the_promo_but_cleans_its_markup() -> None:
    article = '["The ferry left at noon.", "<p class=\\"x\\">Sign up to our newsletter.</p>"]'
    ran = invoke("clean", "--keep-boilerplate", stdin=article)
    assert ran.stdout == "The ferry left at noon.\nSign up to our newsletter.\n"


def test_explain_names_an_empty_fragment_without_a_trailing_space() -> None:
    ran = invoke("clean", "--explain", stdin='["<b> </b>", "Ferries sailed."]')
    assert ran.stderr == "-: fragment 0 dropped by empty\n"
    assert ran.stdout == "Ferries sailed.\n"
