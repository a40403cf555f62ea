#!/usr/bin/env python3
"""Writes cases.json, the template conformance corpus, with outputs rendered by real Jinja2.

Usage: python3 generate.py   (needs Jinja2 3.1.x; run from any directory)

Every case is rendered by an Environment configured like Flask's: a DictLoader over the
case's templates, autoescape for .html/.htm/.xml entries, default Undefined, no
trim_blocks, a single trailing newline dropped. Contexts go through a JSON round trip
with sorted keys, so dictionaries iterate in the same order on the Swift side.

A case either renders (`expected` holds the output) or raises (`error` holds the name of
the Jinja2 exception class). Each case below states which it expects, and generation
fails when Jinja2 disagrees, so a typo in this file cannot slip into the corpus.
"""

import json
import pathlib
import re
import sys

import jinja2
from jinja2 import DictLoader, Environment, select_autoescape

OUTPUT = pathlib.Path(__file__).resolve().parent / "cases.json"
MINIMUM_CASES = 260

CASES = []


def case(name, source, context=None, *, templates=None, entry="main.html", error=None):
    """Adds a case whose entry template `entry` holds `source`."""
    all_templates = dict(templates or {})
    all_templates[entry] = source
    CASES.append(
        {
            "name": name,
            "templates": all_templates,
            "entry": entry,
            "context": context or {},
            "error": error,
        }
    )


def text_case(name, source, context=None, *, templates=None, error=None):
    """Adds a case whose entry is a .txt template, so autoescape is off."""
    case(name, source, context, templates=templates, entry="page.txt", error=error)


# --- shared data ---------------------------------------------------------------------

USERS = [
    {"name": "Alice", "age": 31, "city": "Paris", "active": True, "role": "admin",
     "email": "alice@example.com", "score": 9.5, "address": {"city": "Paris", "country": "FR"}},
    {"name": "bob", "age": 25, "city": "Berlin", "active": False, "role": "user",
     "email": None, "score": 7.25, "address": {"city": "Berlin", "country": "DE"}},
    {"name": "Carol", "age": 42, "city": "Paris", "active": True, "role": "user",
     "email": "carol@example.com", "score": 8.0, "address": {"city": "Lyon", "country": "FR"}},
    {"name": "dave", "age": 25, "city": "Berlin", "active": True, "role": "editor",
     "email": None, "score": 6.5, "address": {"city": "Hamburg", "country": "DE"}},
]
USER = USERS[0]
NUMBERS = [1, 2, 3, 4, 5, 6, 7]
NASTY = "<script>alert(\"x\") & 'y'</script>"
LONG = "The quick brown fox jumps over the lazy dog and keeps running far away"
PARAGRAPH = (
    "Jinja is a fast, expressive, extensible templating engine. Special placeholders "
    "in the template allow writing code similar to Python syntax.\n\nThen the template "
    "is passed data to render the final document."
)

BASE = (
    "<!doctype html>\n"
    "<title>{% block title %}Site{% endblock %}</title>\n"
    "<nav>{% block nav %}<a href=\"/\">Home</a>{% endblock %}</nav>\n"
    "<main>{% block content %}{% endblock %}</main>\n"
    "<footer>{% block footer %}&copy; {{ year }}{% endblock %}</footer>\n"
)
LAYOUT = (
    "{% extends 'base.html' %}"
    "{% block title %}{{ super() }} / Section{% endblock %}"
    "{% block content %}<div class=\"layout\">{% block inner %}layout inner{% endblock %}</div>{% endblock %}"
)
MACROS = (
    "{% set version = '1.0' %}"
    "{% macro input(name, value='', type='text') -%}"
    "<input type=\"{{ type }}\" name=\"{{ name }}\" value=\"{{ value }}\">"
    "{%- endmacro %}"
    "{% macro label(text) %}<label>{{ text }}</label>{% endmacro %}"
    "{% macro signature() %}-- {{ site_name }}{% endmacro %}"
    "{% macro _private() %}hidden{% endmacro %}"
)

# --- output and literals -------------------------------------------------------------

case("output_plain_text", "Hello, world!")
case("output_empty_template", "")
case("output_trailing_newline_dropped", "line\n")
case("output_only_one_trailing_newline_dropped", "line\n\n")
case("output_inner_newlines_kept", "a\nb\n\nc\n")
case("output_crlf_normalized", "a\r\nb\r\n{{ x }}\r\nc", {"x": 1})
case("output_variable_string", "Hello {{ name }}!", {"name": "World"})
case("output_int_float_bool_none", "{{ i }}|{{ f }}|{{ t }}|{{ fl }}|{{ n }}",
     {"i": 42, "f": 2.5, "t": True, "fl": False, "n": None})
case("output_float_whole_keeps_point", "{{ f }} {{ g }}", {"f": 3.0, "g": -0.5})
case("output_float_repr", "{{ a }} {{ b }} {{ c }} {{ d }} {{ e }}",
     {"a": 0.1, "b": 123456789.125, "c": 1e-7, "d": 1e22, "e": 1e16})
case("output_large_int", "{{ big }} {{ big + 1 }} {{ neg }}",
     {"big": 9007199254740993, "neg": -9007199254740993})
text_case("output_list_repr", "{{ items }}", {"items": [1, "two", 3.5, True, None]})
text_case("output_dict_repr", "{{ d }}", {"d": {"b": 1, "a": [1, 2], "c": {"x": None}}})
text_case("output_string_repr_quotes", "{{ items }}", {"items": ["it's", 'say "hi"', "both ' \""]})
case("output_list_repr_escaped", "{{ items }}", {"items": ["<a>", "it's"]})
case("output_unicode", "{{ s }} {{ s|length }}", {"s": "héllo wörld ✓"})
case("output_undefined_prints_empty", "[{{ missing }}]")
case("output_nested_attribute", "{{ user.address.city }}, {{ user['address']['country'] }}", {"user": USER})

text_case("literal_strings", "{{ 'single' }}|{{ \"double\" }}|{{ \"it's\" }}|{{ 'say \"hi\"' }}")
text_case("literal_string_escapes", r"{{ 'it\'s' }}|{{ 'a\tb' }}|{{ 'line1\nline2' }}|{{ 'back\\slash' }}|{{ '\u00e9' }}")
text_case("literal_string_implicit_concat", "{{ 'foo' \"bar\" 'baz' }}")
case("literal_integers", "{{ 42 }} {{ -7 }} {{ 1_000 }} {{ 0 }}")
case("literal_floats", "{{ 3.14 }} {{ 1.5e3 }} {{ 2.0 }} {{ 1e-3 }} {{ 0.5 }}")
case("literal_bools_none", "{{ true }} {{ True }} {{ false }} {{ False }} {{ none }} {{ None }}")
text_case("literal_list", "{{ [1, 'a', [2, 3], []] }}")
text_case("literal_tuple", "{{ (1, 2) }} {{ (1,) }} {{ () }} {{ ('a', none) }}")
text_case("literal_dict_keeps_insertion_order", "{{ {'b': 1, 'a': 2, 'c': [true]} }}")
case("literal_dict_access", "{{ {'a': {'b': 'deep'}}['a']['b'] }} {{ {'k': 'v'}.k }}")
case("literal_list_trailing_comma", "{{ [1, 2,]|length }} {{ {'a': 1,}|length }}")
case("literal_nested_collections_in_loop",
     "{% for item in [{'n': 'a', 'v': [1, 2]}, {'n': 'b', 'v': []}] %}{{ item.n }}={{ item.v|length }};{% endfor %}")

# --- autoescape and markup -----------------------------------------------------------

case("escape_variable", "{{ s }}", {"s": NASTY})
case("escape_literal_string", "{{ '<b>' }} {{ \"a & b\" }}")
case("escape_in_attribute", "<a href=\"/u?q={{ q }}\" title=\"{{ t }}\">x</a>",
     {"q": "a&b", "t": "say \"hi\" & 'bye'"})
text_case("escape_off_for_txt", "{{ s }}", {"s": NASTY})
case("escape_on_for_htm", "{{ s }}", {"s": "<b>"}, entry="page.htm")
case("escape_on_for_xml", "<item>{{ s }}</item>", {"s": "a<b>&c"}, entry="feed.xml")
case("escape_safe_filter", "{{ s|safe }}", {"s": "<b>bold</b>"})
case("escape_e_on_safe_not_doubled", "{{ s|safe|e }} {{ s|safe|escape }}", {"s": "<b>&amp;</b>"})
case("escape_e_twice_not_doubled", "{{ s|e|e }}", {"s": "<b>"})
case("escape_escape_filter", "{{ s|escape }}|{{ s|e }}", {"s": "\"'&<>"})
text_case("escape_e_in_txt", "{{ s|e }}|{{ s }}", {"s": "<i>&</i>"})
case("escape_autoescape_false_block",
     "{% autoescape false %}{{ s }}{% endautoescape %}|{{ s }}", {"s": "<i>"})
text_case("escape_autoescape_true_block_in_txt",
          "{% autoescape true %}{{ s }}{% endautoescape %}|{{ s }}", {"s": "<i>"})
case("escape_nested_autoescape_blocks",
     "{% autoescape false %}{{ s }}{% autoescape true %}{{ s }}{% endautoescape %}{{ s }}{% endautoescape %}",
     {"s": "<i>"})
case("escape_tilde_with_markup", "{{ '<b>'|safe ~ s ~ '</b>'|safe }}", {"s": "<i>"})
text_case("escape_tilde_with_markup_in_txt", "{{ '<b>'|safe ~ s ~ '</b>'|safe }}", {"s": "<i>"})
case("escape_plus_markup_left", "{{ '<b>'|safe + s }}", {"s": "<i>"})
case("escape_plus_markup_right", "{{ s + '<b>'|safe }}", {"s": "<i>"})
text_case("escape_plus_markup_in_txt", "{{ '<b>'|safe + s }}", {"s": "<i>"})
case("escape_join_mixed", "{{ ['<i>'|safe, '<b>', 3]|join(' ') }}")
text_case("escape_join_mixed_in_txt", "{{ ['<i>'|safe, '<b>', 3]|join(' ') }}")
case("escape_join_plain", "{{ ['<i>', '<b>']|join(', ') }}")
case("escape_join_markup_separator", "{{ ['<i>', '<b>']|join('<br>'|safe) }}")
case("escape_join_all_safe", "{{ [a|safe, b|safe]|join(' & ') }}", {"a": "<i>x</i>", "b": "<b>y</b>"})
case("escape_macro_output_not_reescaped",
     "{% macro bold(x) %}<b>{{ x }}</b>{% endmacro %}{{ bold(s) }}", {"s": "<i>"})
case("escape_macro_output_concat",
     "{% macro bold(x) %}<b>{{ x }}</b>{% endmacro %}{{ bold('x') ~ '<' }}")
case("escape_block_set_is_safe",
     "{% set nav %}<a>{{ s }}</a>{% endset %}{{ nav }}|{{ nav|length }}", {"s": "<&>"})
text_case("escape_block_set_in_txt", "{% set nav %}<a>{{ s }}</a>{% endset %}{{ nav }}", {"s": "<&>"})
case("escape_set_plain_string", "{% set x = '<b>' %}{{ x }}")
case("escape_markup_percent_format", "{{ '<p>%s</p>'|safe % s }}", {"s": "<i>"})
case("escape_markup_format_filter", "{{ '<p>%s|%s</p>'|safe|format(s, 1) }}", {"s": "<i>"})
case("escape_markup_format_method", "{{ ('<p>{}</p>'|safe).format(s) }}", {"s": "<i>"})
case("escape_upper_of_markup", "{{ '<b>x</b>'|safe|upper }}")
case("escape_numbers_and_none", "{{ 1 }}{{ 2.5 }}{{ none }}{{ true }}")
case("escape_string_filter_keeps_markup", "{{ '<b>'|safe|string }}|{{ '<b>'|string }}")
case("escape_replace_plain", "{{ s|replace('&', 'and') }}", {"s": "a & <b>"})
case("escape_replace_with_markup_nl2br",
     "{{ s|replace('\\n', '<br>'|safe) }}", {"s": "x < y\nz & w"})
case("escape_striptags_result_escaped", "{{ '<p>a &amp; b &lt;c&gt;</p>'|striptags }}")
case("escape_safe_concat_in_set",
     "{% set link = '<a href=\"/\">'|safe ~ title ~ '</a>'|safe %}{{ link }}", {"title": "Tom & Jerry"})
case("escape_default_with_markup", "{{ missing|default('<i>none</i>'|safe) }}|{{ missing|default('<i>') }}")
case("escape_caller_output_safe",
     "{% macro box() %}<div>{{ caller() }}</div>{% endmacro %}{% call box() %}<p>{{ s }}</p>{% endcall %}",
     {"s": "<i>"})
case("escape_tojson_in_script",
     "<script>var d = {{ d|tojson }};</script>", {"d": {"html": "</script><b>&'", "n": 1}})
case("escape_length_of_escaped_markup", "{{ (s|e)|length }} {{ s|length }}", {"s": "<&>"})
case("escape_safe_of_number", "{{ 5|safe }}{{ (5|safe) ~ '<' }}")

# --- whitespace control, comments, raw -----------------------------------------------

case("ws_no_trim_blocks", "{% if true %}\nyes\n{% endif %}\nend\n")
case("ws_minus_left", "a   \n {%- if true %}b{% endif %}")
case("ws_minus_right", "{% if true -%}   \n  b{% endif %}")
case("ws_minus_both_in_loop",
     "<ul>\n{%- for x in xs %}\n  <li>{{ x }}</li>\n{%- endfor %}\n</ul>", {"xs": [1, 2]})
case("ws_variable_minus", "a  {{- x -}}  b|a {{ x -}}\n b", {"x": "X"})
case("ws_comment_minus", "a  {#- c -#}  b")
case("ws_loop_newlines_kept", "{% for x in xs %}\n{{ x }}\n{% endfor %}", {"xs": [1, 2]})
case("ws_minus_strips_all_whitespace", "a\n\n\t \n{%- set x = 1 -%}\n\n  \nb")
case("ws_indented_blocks_kept", "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>", {"xs": ["a"]})
case("ws_minus_on_else", "{% if x %}yes {%- else -%} no{% endif %}|{% if not x %}yes {%- else -%}  no{% endif %}", {"x": True})
case("ws_minus_inside_macro",
     "{% macro m(x) -%}\n  [{{ x }}]\n{%- endmacro %}{{ m(1) }}{{ m(2) }}")

case("comment_inline", "a{# note #}b")
case("comment_multiline", "a{# line1\n line2 #}b\nc")
case("comment_containing_tags", "a{# {% if x %} {{ x }} #}b")
case("comment_commented_out_block", "{# {% for x in xs %}{{ x }}{% endfor %} #}done", {"xs": [1]})

case("raw_block", "{% raw %}{{ x }} {% if %}{# c #}{% endraw %}")
case("raw_preserves_whitespace", "{% raw %}\n  {{ a }}\n{% endraw %}|")
case("raw_with_whitespace_control", "a {%- raw -%} {{ x }} {%- endraw -%} b")

# --- if ------------------------------------------------------------------------------

case("if_true", "{% if x %}yes{% else %}no{% endif %}", {"x": True})
case("if_false", "{% if x %}yes{% else %}no{% endif %}", {"x": False})
case("if_without_else_false", "[{% if x %}yes{% endif %}]", {"x": 0})
case("if_elif_chain",
     "{% for s in scores %}{% if s >= 90 %}A{% elif s >= 80 %}B{% elif s >= 70 %}C{% else %}F{% endif %}{% endfor %}",
     {"scores": [95, 85, 75, 10, 90, 80]})
case("if_elif_without_else_no_match", "[{% if x == 1 %}one{% elif x == 2 %}two{% endif %}]", {"x": 3})
case("if_truthiness",
     "{% for v in vals %}{% if v %}T{% else %}F{% endif %}{% endfor %}",
     {"vals": [0, 1, "", "a", [], [0], {}, {"a": 1}, None, 0.0, 0.5, False, True, " ", -1]})
case("if_undefined_is_false", "{% if missing %}a{% else %}b{% endif %}")
case("if_nested",
     "{% if a %}{% if b %}ab{% else %}a!b{% endif %}{% else %}!a{% endif %}", {"a": True, "b": False})
case("if_and_or_not",
     "{% if a and not b %}1{% endif %}{% if a or b %}2{% endif %}{% if not (a and b) %}3{% endif %}{% if b or not a %}4{% endif %}",
     {"a": True, "b": False})
case("if_defined_guard", "{% if user is defined and user.name %}{{ user.name }}{% endif %}|{% if nobody is defined and nobody.name %}x{% endif %}",
     {"user": USER})
case("if_inline_expression", "{{ 'on' if flag else 'off' }} {{ 'on' if not flag else 'off' }}", {"flag": True})
case("if_inline_without_else", "[{{ 'on' if flag }}]", {"flag": False})
case("if_compare_strings", "{% if role == 'admin' %}admin{% elif role != 'user' %}other{% endif %}", {"role": "admin"})
case("if_in_list", "{% if 'b' in letters %}has b{% endif %}{% if 'z' not in letters %}, no z{% endif %}",
     {"letters": ["a", "b"]})
case("if_set_inside_visible_after", "{% if true %}{% set x = 1 %}{% endif %}{{ x }}")

# --- for -----------------------------------------------------------------------------

case("for_list", "{% for x in xs %}{{ x }},{% endfor %}", {"xs": [1, 2, 3]})
case("for_else_empty", "{% for x in xs %}{{ x }}{% else %}empty{% endfor %}", {"xs": []})
case("for_else_not_taken", "{% for x in xs %}{{ x }}{% else %}empty{% endfor %}", {"xs": [1]})
case("for_else_undefined", "{% for x in missing %}{{ x }}{% else %}nothing{% endfor %}")
case("for_dict_keys", "{% for k in d %}{{ k }};{% endfor %}", {"d": {"b": 2, "a": 1, "c": 3}})
case("for_dict_items_unpack", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", {"d": {"b": 2, "a": 1}})
case("for_unpack_list_of_lists", "{% for n, label in pairs %}{{ n }}:{{ label }} {% endfor %}",
     {"pairs": [[1, "one"], [2, "two"]]})
case("for_unpack_literal_tuples", "{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }} {% endfor %}")
case("for_string_chars", "{% for c in 'abc' %}{{ c }}-{% endfor %}")
case("for_range_forms",
     "{% for i in range(3) %}{{ i }}{% endfor %}|{% for i in range(1, 10, 3) %}{{ i }}{% endfor %}|"
     "{% for i in range(5, 0, -2) %}{{ i }}{% endfor %}|{% for i in range(0) %}x{% else %}none{% endfor %}")
case("for_loop_indexes",
     "{% for x in xs %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.length }} {% endfor %}",
     {"xs": ["a", "b", "c"]})
case("for_loop_first_last",
     "{% for x in xs %}{% if loop.first %}[{% endif %}{{ x }}{% if not loop.last %}, {% else %}]{% endif %}{% endfor %}",
     {"xs": [1, 2, 3]})
case("for_loop_single_item_first_and_last", "{% for x in xs %}{{ loop.first }} {{ loop.last }}{% endfor %}", {"xs": [1]})
case("for_loop_cycle", "{% for x in xs %}<tr class=\"{{ loop.cycle('odd', 'even') }}\">{{ x }}</tr>{% endfor %}",
     {"xs": [1, 2, 3]})
case("for_loop_cycle_three", "{% for x in range(5) %}{{ loop.cycle('a', 'b', 'c') }}{% endfor %}")
case("for_loop_changed",
     "{% for u in users|sort(attribute='city') %}{% if loop.changed(u.city) %}<h3>{{ u.city }}</h3>{% endif %}{{ u.name }} {% endfor %}",
     {"users": USERS})
case("for_loop_previtem_nextitem",
     "{% for x in xs %}{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }}|{% endfor %}", {"xs": [1, 2, 3]})
case("for_loop_previtem_defined",
     "{% for x in xs %}{{ loop.previtem is defined }},{{ loop.nextitem is defined }};{% endfor %}", {"xs": [1, 2]})
case("for_loop_depth_flat", "{% for x in [1] %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}")
case("for_inline_if_filter",
     "{% for x in xs if x is odd %}{{ loop.index }}:{{ x }} {% endfor %}", {"xs": NUMBERS})
case("for_inline_if_length_and_last",
     "{% for x in xs if x > 2 %}{{ x }}/{{ loop.length }}{% if loop.last %}!{% endif %} {% endfor %}", {"xs": [1, 5, 2, 7, 3]})
case("for_inline_if_else", "{% for x in xs if x > 100 %}{{ x }}{% else %}none matched{% endfor %}", {"xs": [1, 2]})
case("for_inline_if_attribute",
     "{% for u in users if u.active %}{{ u.name }} {% endfor %}", {"users": USERS})
TREE = [
    {"title": "Home", "href": "/", "children": []},
    {"title": "Docs", "href": "/docs", "children": [
        {"title": "Intro", "href": "/docs/intro"},
        {"title": "API", "href": "/docs/api", "children": [{"title": "Filters", "href": "/docs/api/filters"}]},
    ]},
]
case("for_recursive",
     "<ul>{% for item in tree recursive %}<li><a href=\"{{ item.href }}\">{{ item.title }}</a>"
     "{% if item.children %}<ul>{{ loop(item.children) }}</ul>{% endif %}</li>{% endfor %}</ul>",
     {"tree": TREE})
case("for_recursive_depth",
     "{% for item in tree recursive %}{{ loop.depth }}{{ loop.depth0 }}{{ item.title }}({{ loop.index }}/{{ loop.length }}) {{ loop(item.children) }}{% endfor %}",
     {"tree": TREE})
text_case("for_recursive_indent",
          "{% for item in tree recursive %}{{ '  ' * loop.depth0 }}- {{ item.title }}\n{{ loop(item.children) }}{% endfor %}",
          {"tree": TREE})
case("for_nested_outer_loop",
     "{% for row in rows %}{% set outer = loop %}{% for c in row %}{{ outer.index }}.{{ loop.index }}={{ c }} {% endfor %}{% endfor %}",
     {"rows": [["a", "b"], ["c"]]})
case("for_nested_same_name", "{% for x in [1, 2] %}{% for x in ['a'] %}{{ x }}{% endfor %}{{ x }}{% endfor %}")
case("for_set_inside_does_not_leak",
     "{% set found = false %}{% for x in xs %}{% if x == 2 %}{% set found = true %}{% endif %}{% endfor %}{{ found }}",
     {"xs": [1, 2, 3]})
case("for_loop_variable_does_not_leak", "{% for x in [1, 2] %}{% endfor %}[{{ x }}]|{% for y in [1] %}{% endfor %}[{{ y }}]",
     {"x": "outer"})
case("for_over_sorted", "{% for u in users|sort(attribute='age') %}{{ u.name }} {% endfor %}", {"users": USERS})
case("for_over_dictsort", "{% for k, v in d|dictsort %}{{ k }}={{ v }} {% endfor %}", {"d": {"zeta": 1, "Alpha": 2, "beta": 3}})
case("for_loop_length_of_dict", "{% for k in d %}{{ loop.length }}{% endfor %}", {"d": {"a": 1, "b": 2}})
case("for_loop_in_attribute_values",
     "<table>{% for u in users %}<tr><td>{{ loop.index }}</td><td>{{ u.name }}</td><td>{{ u.email or '-' }}</td></tr>{% endfor %}</table>",
     {"users": USERS})
case("for_loop_object_attribute_missing", "{% for x in [1] %}[{{ loop.nope }}]{% endfor %}")
case("for_over_none_error", "{% for x in n %}{{ x }}{% endfor %}", {"n": None}, error="TypeError")
case("for_over_int_error", "{% for x in 5 %}{{ x }}{% endfor %}", error="TypeError")
case("for_unpack_mismatch_error", "{% for a, b in [1, 2] %}{{ a }}{% endfor %}", error="TypeError")

# --- set, namespace, with ------------------------------------------------------------

case("set_simple", "{% set x = 5 %}{{ x * 2 }}")
case("set_tuple_unpack", "{% set a, b = 1, 2 %}{{ a }}{{ b }}|{% set c, d = [3, 'x'] %}{{ c }}{{ d }}")
case("set_unpack_mismatch_error", "{% set a, b = [1, 2, 3] %}", error="ValueError")
case("set_overrides_context", "{% set x = 'local' %}{{ x }}", {"x": "ctx"})
case("set_before_use_of_context_name", "{{ x }}{% set x = 'local' %}{{ x }}", {"x": "ctx"})
case("set_block_filter", "{% set x | upper %}hello {{ name }}{% endset %}{{ x }}", {"name": "bob"})
case("set_block_multiline", "{% set text %}\nline 1\nline 2\n{% endset %}[{{ text }}]")
case("set_namespace_counter",
     "{% set ns = namespace(count=0) %}{% for u in users %}{% if u.active %}{% set ns.count = ns.count + 1 %}{% endif %}{% endfor %}{{ ns.count }}",
     {"users": USERS})
case("set_namespace_found_flag",
     "{% set ns = namespace(found=false, name='') %}{% for u in users %}{% if u.role == 'editor' %}{% set ns.found = true %}{% set ns.name = u.name %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.name }}",
     {"users": USERS})
case("set_namespace_missing_attribute", "{% set ns = namespace(a=1) %}{{ ns.a }}[{{ ns.b }}]")
case("set_namespace_accumulate_list",
     "{% set ns = namespace(items=[]) %}{% for x in [1, 2, 3] %}{% set ns.items = ns.items + [x * 10] %}{% endfor %}{{ ns.items|join(',') }}")
case("set_attribute_on_dict_error", "{% set user.name = 'x' %}", {"user": {"name": "a"}}, error="TemplateRuntimeError")
case("set_inside_loop_per_iteration",
     "{% for x in [1, 2] %}{% set y = x * 10 %}{{ y }} {% endfor %}[{{ y }}]")
case("set_inside_loop_is_gone_next_iteration",
     "{% for x in [1, 2, 3] %}{% if x == 1 %}{% set y = 'a' %}{% endif %}[{{ y }}]{% set x = 'shadow' %}{{ x }}{% endfor %}")
case("set_from_filter_chain",
     "{% set names = users|map(attribute='name')|join(', ') %}{{ names }}", {"users": USERS})
case("set_list_then_index", "{% set parts = 'a/b/c'.split('/') %}{{ parts[1] }}{{ parts|length }}")

case("with_basic", "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}")
case("with_scope_ends", "{% with x = 'in' %}{{ x }}{% endwith %}[{{ x }}]")
case("with_shadows_context", "{{ x }}{% with x = 'in' %}{{ x }}{% endwith %}{{ x }}", {"x": "out"})
case("with_set_inside_stays_inside", "{% with %}{% set y = 3 %}{{ y }}{% endwith %}[{{ y }}]")
case("with_expression_value", "{% with total = users|sum(attribute='age') %}{{ total }}{% endwith %}", {"users": USERS})

# --- macros and call blocks ----------------------------------------------------------

case("macro_basic", "{% macro hello(name) %}Hello {{ name }}!{% endmacro %}{{ hello('World') }} {{ hello('you') }}")
case("macro_defaults",
     "{% macro f(a, b=2, c='x') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ f(1) }} {{ f(1, 3) }} {{ f(1, 3, 'y') }}")
case("macro_keyword_args",
     "{% macro f(a, b=2, c='x') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ f(1, c='z') }} {{ f(c='q', b=0, a=9) }}")
case("macro_varargs",
     "{% macro f(a) %}{{ a }}:{{ varargs|join(',') }}:{{ varargs|length }}{% endmacro %}{{ f(1, 2, 3) }} {{ f(0) }}")
case("macro_kwargs",
     "{% macro tag(name) %}<{{ name }}{% for k, v in kwargs.items() %} {{ k }}=\"{{ v }}\"{% endfor %}>{% endmacro %}"
     "{{ tag('input', type='text', value='<x>') }}")
case("macro_varargs_with_defaults",
     "{% macro f(a, b=2) %}{{ a }},{{ b }},{{ varargs|join('/') }}{% endmacro %}{{ f(1, 3, 4, 5) }}")
case("macro_missing_argument_undefined", "{% macro f(a, b) %}[{{ a }}|{{ b }}|{{ b is defined }}]{% endmacro %}{{ f(1) }}")
case("macro_too_many_arguments_error", "{% macro f(a) %}{{ a }}{% endmacro %}{{ f(1, 2) }}", error="TypeError")
case("macro_unknown_keyword_error", "{% macro f(a) %}{{ a }}{% endmacro %}{{ f(a=1, b=2) }}", error="TypeError")
case("macro_output_is_safe_in_html",
     "{% macro link(url, text) %}<a href=\"{{ url }}\">{{ text }}</a>{% endmacro %}{{ link('/x?a=1&b=2', '<Home>') }}")
text_case("macro_output_in_txt",
          "{% macro link(url, text) %}<a href=\"{{ url }}\">{{ text }}</a>{% endmacro %}{{ link('/x?a=1&b=2', '<Home>') }}")
case("macro_calls_macro",
     "{% macro inner(x) %}({{ x }}){% endmacro %}{% macro outer(x) %}[{{ inner(x) }}{{ inner(x * 2) }}]{% endmacro %}{{ outer(2) }}")
case("macro_recursive",
     "{% macro count(n) %}{{ n }}{% if n > 0 %},{{ count(n - 1) }}{% endif %}{% endmacro %}{{ count(4) }}")
case("macro_sees_template_context", "{% macro greet() %}Hi {{ who }}{% endmacro %}{{ greet() }}", {"who": "Ann"})
case("macro_default_from_context", "{% macro greet(name=who) %}Hi {{ name }}{% endmacro %}{{ greet() }} {{ greet('Bo') }}", {"who": "Ann"})
case("macro_default_expression", "{% macro f(x=[1, 2]|length, y=none) %}{{ x }} {{ y }}{% endmacro %}{{ f() }}")
case("macro_set_inside_is_local",
     "{% macro f() %}{% set x = 'inner' %}{{ x }}{% endmacro %}{{ f() }} {{ x }}", {"x": "outer"})
case("macro_filter_on_result", "{% macro m() %}hello <b>{% endmacro %}{{ m()|upper }}|{{ m()|length }}")
case("macro_whitespace_kept", "{% macro m() %}\n  x\n{% endmacro %}[{{ m() }}]")
case("macro_is_callable_value", "{% macro m() %}{% endmacro %}{{ m is callable }} {{ 'a' is callable }}")
case("macro_caller_missing_error", "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}", error="UndefinedError")

case("call_basic",
     "{% macro wrap(cls) %}<div class=\"{{ cls }}\">{{ caller() }}</div>{% endmacro %}{% call wrap('box') %}Hello {{ name }}{% endcall %}",
     {"name": "<World>"})
case("call_with_arguments",
     "{% macro list_users(users) %}<ul>{% for u in users %}<li>{{ caller(u) }}</li>{% endfor %}</ul>{% endmacro %}"
     "{% call(user) list_users(users) %}{{ user.name }} ({{ user.age }}){% endcall %}",
     {"users": USERS[:2]})
case("call_caller_keyword_arguments",
     "{% macro m() %}{{ caller(b=2, a=1) }}{% endmacro %}{% call(a, b) m() %}{{ a }}-{{ b }}{% endcall %}")
case("call_caller_called_twice",
     "{% macro twice() %}{{ caller() }}|{{ caller() }}{% endmacro %}{% call twice() %}x{% endcall %}")
case("call_nested",
     "{% macro outer() %}<o>{{ caller() }}</o>{% endmacro %}{% macro inner() %}<i>{{ caller() }}</i>{% endmacro %}"
     "{% call outer() %}{% call inner() %}core{% endcall %}{% endcall %}")
case("call_body_sees_outer_loop",
     "{% macro item() %}<li>{{ caller() }}</li>{% endmacro %}{% for x in xs %}{% call item() %}{{ loop.index }}:{{ x }}{% endcall %}{% endfor %}",
     {"xs": ["a", "b"]})
case("call_macro_with_defaults_and_caller",
     "{% macro panel(title, level=2) %}<h{{ level }}>{{ title }}</h{{ level }}>{{ caller() }}{% endmacro %}"
     "{% call panel('Users', level=3) %}<p>body</p>{% endcall %}")

# --- import, include -----------------------------------------------------------------

MACRO_TEMPLATES = {"macros.html": MACROS}
case("import_as_namespace",
     "{% import 'macros.html' as forms %}{{ forms.label('Name') }}{{ forms.input('name', '<v>') }}{{ forms.input('pw', type='password') }}",
     templates=MACRO_TEMPLATES)
case("import_from", "{% from 'macros.html' import input, label %}{{ label('A') }}{{ input('a') }}", templates=MACRO_TEMPLATES)
case("import_from_alias", "{% from 'macros.html' import input as field %}{{ field('q', 'x') }}", templates=MACRO_TEMPLATES)
case("import_module_variable", "{% import 'macros.html' as m %}v{{ m.version }}", templates=MACRO_TEMPLATES)
case("import_without_context_by_default",
     "{% import 'macros.html' as m %}[{{ m.signature() }}]", {"site_name": "Acme"}, templates=MACRO_TEMPLATES)
case("import_with_context",
     "{% import 'macros.html' as m with context %}[{{ m.signature() }}]", {"site_name": "Acme"}, templates=MACRO_TEMPLATES)
case("import_from_with_context",
     "{% from 'macros.html' import signature with context %}[{{ signature() }}]", {"site_name": "Acme"}, templates=MACRO_TEMPLATES)
case("import_missing_template_error", "{% import 'nope.html' as m %}", error="TemplateNotFound")
text_case("import_html_macros_into_txt",
          "{% from 'macros.html' import input %}{{ input('a', '<b>') }}", templates=MACRO_TEMPLATES)
case("import_private_name_error",
     "{% from 'macros.html' import _private %}{{ _private() }}", templates=MACRO_TEMPLATES, error="TemplateAssertionError")
case("import_missing_name_call_error",
     "{% from 'macros.html' import nope %}{{ nope() }}", templates=MACRO_TEMPLATES, error="UndefinedError")

PARTIALS = {
    "header.html": "<header>{{ title }}</header>",
    "row.html": "<tr><td>{{ item }}</td><td>{{ loop is defined }}</td></tr>",
    "note.txt": "note: {{ s }}",
    "frag.html": "<i>{{ s }}</i>",
    "setter.html": "{% set leaked = 'yes' %}[{{ leaked }}]",
    "newline.html": "x\n",
    "outer.html": "<outer>{% include 'inner.html' %}</outer>",
    "inner.html": "<inner>{{ title }}</inner>",
}
case("include_basic", "{% include 'header.html' %}<p>body</p>", {"title": "Hi"}, templates=PARTIALS)
case("include_sees_set_variable", "{% set title = 'Local' %}{% include 'header.html' %}", templates=PARTIALS)
case("include_sees_loop_variable",
     "<table>{% for item in xs %}{% include 'row.html' %}{% endfor %}</table>", {"xs": ["a", "<b>"]}, templates=PARTIALS)
case("include_ignore_missing", "a{% include 'nope.html' ignore missing %}b", templates=PARTIALS)
case("include_missing_error", "a{% include 'nope.html' %}b", error="TemplateNotFound")
case("include_first_found_in_list", "{% include ['nope.html', 'header.html'] %}", {"title": "T"}, templates=PARTIALS)
case("include_list_all_missing_error", "{% include ['nope.html', 'nada.html'] %}", error="TemplatesNotFound")
case("include_list_ignore_missing", "[{% include ['nope.html', 'nada.html'] ignore missing %}]")
case("include_without_context", "{% include 'header.html' without context %}", {"title": "T"}, templates=PARTIALS)
case("include_with_context_explicit", "{% include 'header.html' with context %}", {"title": "T"}, templates=PARTIALS)
case("include_variable_name", "{% include partial %}", {"partial": "header.html", "title": "V"}, templates=PARTIALS)
case("include_txt_from_html_not_escaped", "<p>{{ s }}</p>{% include 'note.txt' %}", {"s": "<b>"}, templates=PARTIALS)
text_case("include_html_from_txt_escaped", "{{ s }} {% include 'frag.html' %}", {"s": "<b>"}, templates=PARTIALS)
case("include_nested", "{% include 'outer.html' %}", {"title": "deep"}, templates=PARTIALS)
case("include_set_does_not_leak", "{% include 'setter.html' %}[{{ leaked }}]", templates=PARTIALS)
case("include_drops_its_trailing_newline", "[{% include 'newline.html' %}]", templates=PARTIALS)
case("include_self_recursion_error", "{% include 'main.html' %}", error="RecursionError")
case("include_syntax_error_in_included", "{% include 'bad.html' %}", templates={"bad.html": "{% if %}"},
     error="TemplateSyntaxError")

# --- extends, blocks, super ----------------------------------------------------------

BASES = {"base.html": BASE, "layout.html": LAYOUT}
case("extends_basic",
     "{% extends 'base.html' %}{% block title %}Users{% endblock %}{% block content %}<p>{{ msg }}</p>{% endblock %}",
     {"msg": "<hi>", "year": 2024}, templates=BASES)
case("extends_no_overrides", "{% extends 'base.html' %}", {"year": 2024}, templates=BASES)
case("extends_super", "{% extends 'base.html' %}{% block title %}Page - {{ super() }}{% endblock %}", templates=BASES)
case("extends_super_twice", "{% extends 'base.html' %}{% block title %}{{ super() }}|{{ super() }}{% endblock %}", templates=BASES)
case("extends_three_levels",
     "{% extends 'layout.html' %}{% block title %}{{ super() }} / Page{% endblock %}{% block inner %}<b>page</b>{% endblock %}",
     {"year": 1999}, templates=BASES)
case("extends_three_levels_inherit_middle", "{% extends 'layout.html' %}", {"year": 1999}, templates=BASES)
CHAIN = {
    "a.html": "<a>{% block b %}A{% endblock %}</a>",
    "b.html": "{% extends 'a.html' %}{% block b %}B[{{ super() }}]{% endblock %}",
    "c.html": "{% extends 'b.html' %}{% block b %}C[{{ super() }}]{% endblock %}",
}
case("extends_super_chain_three_levels", "{% extends 'c.html' %}{% block b %}D[{{ super() }}]{% endblock %}", templates=CHAIN)
case("extends_skip_level_super", "{% extends 'c.html' %}", templates=CHAIN)
case("extends_content_outside_blocks_ignored",
     "{% extends 'base.html' %}junk {% block title %}T{% endblock %} more junk {{ year }}", templates=BASES)
case("extends_newline_before_extends_is_output", "{# layout #}\n{% extends 'base.html' %}\n{% block title %}T{% endblock %}\n",
     templates=BASES)
case("extends_set_before_extends_visible_in_parent",
     "{% set active_page = 'about' %}{% extends 'nav.html' %}",
     templates={"nav.html": "{% for id, label in [('index', 'Home'), ('about', 'About')] %}"
                            "<a{% if id == active_page %} class=\"active\"{% endif %}>{{ label }}</a>{% endfor %}"})
case("extends_set_after_extends_in_child",
     "{% extends 'base.html' %}{% set who = 'child' %}{% block content %}[{{ who }}]{% endblock %}", templates=BASES)
case("extends_self_block_reuse",
     "{% extends 'page.html' %}{% block title %}Settings{% endblock %}",
     templates={"page.html": "<title>{% block title %}{% endblock %}</title><h1>{{ self.title() }}</h1>"})
NESTED_BASE = {"nb.html": "<o>{% block outer %}[{% block inner %}inner{% endblock %}]{% endblock %}</o>"}
case("extends_nested_block_override_inner", "{% extends 'nb.html' %}{% block inner %}NEW{% endblock %}", templates=NESTED_BASE)
case("extends_nested_block_override_outer", "{% extends 'nb.html' %}{% block outer %}OUT{% endblock %}", templates=NESTED_BASE)
case("extends_nested_block_outer_keeps_inner",
     "{% extends 'nb.html' %}{% block outer %}<{{ super() }}>{% endblock %}{% block inner %}I{% endblock %}", templates=NESTED_BASE)
SCOPED = {
    "list.html": "{% for item in items %}{% block item scoped %}<li>{{ item }}</li>{% endblock %}{% endfor %}",
    "unscoped.html": "{% for item in items %}{% block item %}<li>{{ item }}</li>{% endblock %}{% endfor %}",
}
case("macro_frames_closures_callers_and_recursion",
     "{% for x in [1, 2] %}{% macro show() %}[{{ x }}]{% endmacro %}{{ show() }}{% endfor %}"
     "|{% macro outer(v) %}<{{ caller(v * 2) }}>{% endmacro %}{% for y in ['a', 'b'] %}{% call(z) outer(3) %}{{ y }}{{ z }}{{ loop.index }}{% endcall %}{% endfor %}"
     "|{% macro m() %}{% set t = 5 %}{{ t }}{% endmacro %}{% set t = 1 %}{{ m() }}{{ t }}"
     "|{% macro rec(n) %}{% if n %}{{ n }}{{ rec(n - 1) }}{% endif %}{% endmacro %}{{ rec(3) }}"
     "|{% for i in [1] %}{% with w = i + 1 %}{% macro sum(a) %}{{ a + w + i }}{% endmacro %}{{ sum(10) }}{% endwith %}{% endfor %}")
case("extends_scoped_block", "{% extends 'list.html' %}{% block item %}<b>{{ item }}</b>{% endblock %}",
     {"items": [1, 2]}, templates=SCOPED)
case("extends_scoped_block_default", "{% extends 'list.html' %}", {"items": [1, 2]}, templates=SCOPED)
case("extends_unscoped_block_loses_loop_variable", "{% extends 'unscoped.html' %}", {"items": [1, 2]}, templates=SCOPED)
case("extends_variable_parent", "{% extends layout %}{% block title %}X{% endblock %}", {"layout": "base.html"}, templates=BASES)
case("extends_child_imports_macros",
     "{% extends 'base.html' %}{% import 'macros.html' as f %}{% block content %}{{ f.input('q') }}{% endblock %}",
     templates={**BASES, **MACRO_TEMPLATES})
case("extends_child_defines_macro",
     "{% extends 'base.html' %}{% macro b(x) %}<b>{{ x }}</b>{% endmacro %}{% block content %}{{ b('hi') }}{% endblock %}",
     templates=BASES)
case("extends_blocks_see_context", "{% extends 'base.html' %}{% block content %}{{ user.name }}{% endblock %}",
     {"user": USER, "year": 1}, templates=BASES)
case("extends_endblock_with_name",
     "{% extends 'base.html' %}{% block title %}Named{% endblock title %}", templates=BASES)
case("extends_parent_includes_partial",
     "{% extends 'shell.html' %}{% block content %}C{% endblock %}", {"title": "T"},
     templates={"shell.html": "{% include 'header.html' %}<div>{% block content %}{% endblock %}</div>", **PARTIALS})
case("extends_txt_with_super",
     "{% extends 'base.txt' %}{% block body %}Hello {{ name }}\n{{ super() }}{% endblock %}", {"name": "<Ann>"},
     templates={"base.txt": "Subject: {% block subject %}News{% endblock %}\n\n{% block body %}-- the team{% endblock %}\n"},
     entry="mail.txt")
case("extends_missing_parent_error", "{% extends 'nope.html' %}", error="TemplateNotFound")
case("extends_self_cycle_error", "{% extends 'main.html' %}{% block a %}{% endblock %}", error="RecursionError")
case("extends_duplicate_block_error",
     "{% extends 'base.html' %}{% block title %}a{% endblock %}{% block title %}b{% endblock %}",
     templates=BASES, error="TemplateAssertionError")
case("extends_syntax_error_in_parent", "{% extends 'broken.html' %}", templates={"broken.html": "{% block x %}"},
     error="TemplateSyntaxError")

# --- filter blocks -------------------------------------------------------------------

case("filterblock_upper", "{% filter upper %}hello {{ name }}{% endfilter %}", {"name": "ann"})
case("filterblock_chain", "{% filter upper|replace('L', '_') %}hello{% endfilter %}")
case("filterblock_with_arguments", "{% filter indent(2, true) %}a\nb{% endfilter %}")
case("filterblock_escaped_content", "{% filter upper %}{{ '<b>' }}{% endfilter %}")
text_case("filterblock_in_txt", "{% filter replace('a', 'o') %}banana {{ s }}{% endfilter %}", {"s": "<a>"})
case("filterblock_truncate", "{% filter truncate(12, true) %}{{ text }}{% endfilter %}", {"text": LONG})

# --- operators and expressions -------------------------------------------------------

case("op_arithmetic_int", "{{ 7 + 3 }} {{ 7 - 3 }} {{ 7 * 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 2 ** 10 }}")
case("op_true_division_is_float", "{{ 4 / 2 }} {{ 1 / 3 }} {{ -1 / 4 }}")
case("op_floor_division_and_modulo_negative", "{{ -7 // 2 }} {{ 7 // -2 }} {{ -7 % 3 }} {{ 7 % -3 }}")
case("op_float_arithmetic", "{{ 0.1 + 0.2 }} {{ 2.5 * 2 }} {{ 1.5 + 1 }} {{ 7.5 // 2 }} {{ 7.5 % 2 }} {{ 1.0 - 1 }}")
case("op_power", "{{ 2 ** -1 }} {{ 2 ** 0.5 }} {{ 3 ** 2 }} {{ 2 ** 3 ** 2 }}")
case("op_unary_minus", "{{ -x }} {{ - -x }} {{ -(x + 1) }} {{ +x }}", {"x": 5})
case("op_unary_minus_and_power", "{{ -2 ** 2 }}")
case("op_unary_minus_and_filter", "{{ -3|abs }} {{ -x|abs }}", {"x": 4})
case("op_int_float_mixing", "{{ 1 + 1.0 }} {{ 3 * 1.5 }} {{ 10 - 0.5 }} {{ 6 / 1.5 }}")
case("op_context_numbers", "{{ i + f }} {{ i * i }} {{ f / 2 }} {{ i // 2 }} {{ i % 2 }}", {"i": 7, "f": 1.5})
case("op_string_concat_plus", "{{ 'a' + 'b' }} {{ name + '!' }}", {"name": "Ann"})
case("op_string_repeat", "{{ 'ab' * 3 }} {{ '-' * 5 }} {{ 2 * 'x' }}")
text_case("op_list_concat", "{{ [1, 2] + [3] }} {{ xs + ['z'] }}", {"xs": ["y"]})
case("op_tilde_concat", "{{ 1 ~ 2 ~ 'x' ~ none ~ true ~ 1.5 }}")
case("op_tilde_undefined", "{{ 'a' ~ missing ~ 'b' }}")
case("op_tilde_precedence", "{{ 'n=' ~ 2 * 3 }} {{ 'a' ~ 'b' == 'ab' }} {{ 2 * 3 ~ 4 }}")
case("op_comparisons",
     "{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 3 >= 4 }} {{ 1 == 1.0 }} {{ 1 != 2 }} {{ 'a' < 'b' }} {{ 'B' < 'a' }} {{ 'abc' < 'abd' }}")
case("op_chained_comparison",
     "{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 1 == 1 < 2 }} {{ 3 > 2 > 1 }} {% if 0 <= x < 10 %}single digit{% endif %}", {"x": 7})
case("op_equality_types",
     "{{ 1 == '1' }} {{ none == none }} {{ [1, 2] == [1, 2] }} {{ {'a': 1} == {'a': 1} }} {{ 'a' == 'a' }} {{ [1] != [2] }}")
case("op_and_or_return_operands", "[{{ 0 or 'x' }}][{{ 'a' and 'b' }}][{{ '' and 'b' }}][{{ none or 0 }}][{{ 'y' or 'z' }}][{{ [] or [] }}]")
case("op_not", "{{ not true }} {{ not 0 }} {{ not '' }} {{ not [] }} {{ not missing }} {{ not 'a' }}")
case("op_precedence_and_or", "{{ true or false and false }} {{ (true or false) and false }} {{ not false and false }}")
case("op_not_in", "{{ not 1 in [1] }} {{ 1 not in [2] }} {{ 'x' not in 'abc' }} {{ not 'x' in 'xyz' }}")
case("op_precedence_arithmetic",
     "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 10 - 4 - 3 }} {{ 2 * 3 % 4 }} {{ 100 / 10 / 5 }} {{ 2 + 3 ** 2 }} {{ 7 - 2 * -1 }}")
case("op_in_operator",
     "{{ 'a' in 'cat' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 'z' in d }} {{ 'b' in d }} {{ 3 in (1, 2) }}",
     {"d": {"a": 1, "b": 2}})
case("op_conditional_nested", "{% for x in [1, 4, 9] %}{{ 'a' if x > 5 else 'b' if x > 2 else 'c' }}{% endfor %}")
case("op_conditional_with_filter", "{{ (name if name else 'anon')|upper }} {{ (n if n else 'anon')|upper }}",
     {"name": "zed", "n": ""})
case("op_parentheses", "{{ (1 + 2) * (3 + 4) }} {{ ((2)) }} {{ (true) }}")
case("op_division_by_zero_error", "{{ 1 / 0 }}", error="ZeroDivisionError")
case("op_floor_division_by_zero_error", "{{ 5 // x }}", {"x": 0}, error="ZeroDivisionError")
case("op_modulo_by_zero_error", "{{ 5 % 0 }}", error="ZeroDivisionError")
case("op_add_string_and_int_error", "{{ 'a' + 1 }}", error="TypeError")
case("op_compare_int_and_string_error", "{{ 1 < 'a' }}", error="TypeError")
case("op_compare_none_error", "{{ none < 1 }}", error="TypeError")

# --- attribute, subscript, slicing ---------------------------------------------------

case("access_attribute_and_subscript", "{{ user.name }} {{ user['name'] }} {{ user.address.country }}", {"user": USER})
case("access_subscript_variable_key", "{% for k in keys %}{{ d[k] }}{% endfor %}", {"d": {"a": 1, "b": 2}, "keys": ["b", "a"]})
case("access_list_index", "{{ xs[0] }} {{ xs[-1] }} {{ xs.1 }} {{ xs[i] }}", {"xs": ["a", "b", "c"], "i": 2})
case("access_list_index_out_of_range", "[{{ xs[10] }}][{{ xs[-10] }}]", {"xs": [1]})
case("access_string_index", "{{ 'hello'[1] }} {{ 'hello'[-1] }} {{ s[0] }}", {"s": "héllo"})
case("access_missing_key_is_undefined", "[{{ d.nope }}][{{ d['nope'] }}]", {"d": {"a": 1}})
case("access_attribute_of_none_is_undefined", "[{{ n.x }}][{{ n['x'] }}]", {"n": None})
case("access_key_shadowed_by_method", "{{ d['items']|length }} {{ d['keys'] }}", {"d": {"items": [1, 2], "keys": "k"}})
case("access_missing_nested_error", "{{ d.nope.deeper }}", {"d": {"a": 1}}, error="UndefinedError")
case("access_undefined_attribute_error", "{{ missing.attr }}", error="UndefinedError")
case("access_undefined_subscript_error", "{{ missing['x'] }}", error="UndefinedError")
case("access_attribute_of_none_nested_error", "{{ n.x.y }}", {"n": None}, error="UndefinedError")
text_case("access_slicing",
          "{{ xs[1:3] }} {{ xs[:2] }} {{ xs[2:] }} {{ xs[::2] }} {{ xs[::-1] }} {{ xs[-2:] }} {{ xs[5:10] }} {{ xs[1:-1] }}",
          {"xs": [0, 1, 2, 3, 4]})
case("access_string_slicing", "{{ s[:5] }}|{{ s[6:] }}|{{ s[::-1] }}|{{ s[-3:] }}|{{ s[1:8:3] }}", {"s": "hello world"})
case("access_dict_get", "{{ d.get('a') }} {{ d.get('zz') }} {{ d.get('zz', 'dflt') }}", {"d": {"a": 1}})

# --- string formatting and methods ---------------------------------------------------

case("strfmt_percent_s_tuple", "{{ '%s and %s' % (a, b) }}", {"a": "x", "b": 2})
case("strfmt_percent_single", "{{ 'Hello %s!' % name }}", {"name": "<Ann>"})
case("strfmt_percent_numbers", "{{ '%d items' % 3 }} {{ '%.2f' % 3.14159 }} {{ '%5.1f|' % 2.25 }} {{ '%03d' % 7 }} {{ '%d' % 3.9 }}")
case("strfmt_percent_named", "{{ '%(name)s is %(age)d' % user }}", {"user": USER})
case("strfmt_percent_literal_percent", "{{ '100%% %s' % 'sure' }}")
case("strfmt_percent_padding", "{{ '[%5s][%-5s]' % ('ab', 'cd') }}")
case("strfmt_percent_hex_octal", "{{ '%x %X %o' % (255, 255, 8) }}")
case("strfmt_percent_none_and_float", "{{ '%s|%s|%s' % (none, 1.5, 2.0) }}")
case("strfmt_percent_too_few_error", "{{ '%s %s' % 'a' }}", error="TypeError")
case("strfmt_format_positional", "{{ '{} - {}'.format(a, b) }} {{ '{1}{0}{1}'.format('a', 'b') }}", {"a": 1, "b": "x"})
case("strfmt_format_named", "{{ 'Hi {name}, you are {age}'.format(name=user.name, age=user.age) }}", {"user": USER})
case("strfmt_format_spec", "{{ '{:.1f}|{:>4}|{:<4}|{:^5}|{:,}|{:05d}'.format(2.345, 'a', 'b', 'c', 1234567, 42) }}")

case("strmeth_upper_lower", "{{ s.upper() }} {{ s.lower() }}", {"s": "MiXed Case"})
case("strmeth_strip", "[{{ s.strip() }}][{{ '--x--'.strip('-') }}][{{ s.lstrip() }}][{{ s.rstrip() }}]", {"s": "  pad  "})
text_case("strmeth_split", "{{ 'a,b,,c'.split(',') }} {{ '  a b  c '.split() }} {{ 'a,b,c'.split(',', 1) }}")
case("strmeth_split_loop", "{% for tag in tags.split(',') %}<span>{{ tag.strip() }}</span>{% endfor %}", {"tags": "a, b ,c"})
case("strmeth_startswith_endswith",
     "{{ path.startswith('/admin') }} {{ path.endswith('.html') }} {{ path.startswith(('/x', '/ad')) }} {{ path.endswith('/') }}",
     {"path": "/admin/users.html"})
case("strmeth_replace", "{{ 'a-b-c'.replace('-', '+') }} {{ 'a-b-c'.replace('-', '', 1) }}")
case("strmeth_title_capitalize", "{{ 'hello world'.title() }} {{ 'hello World'.capitalize() }}")
case("strmeth_join", "{{ ', '.join(names) }}", {"names": ["a", "b", "c"]})
case("strmeth_count_find", "{{ 'banana'.count('a') }} {{ 'banana'.find('n') }} {{ 'banana'.find('z') }}")
case("strmeth_chained", "{{ email.split('@')[0].upper() }} {{ email.split('@')|last }}", {"email": "ann@example.com"})
case("strmeth_format_on_variable", "{{ fmt.format(n=3) }}", {"fmt": "{n} new messages"})

case("dictmeth_items", "{% for k, v in d.items() %}{{ k }}:{{ v }} {% endfor %}", {"d": {"x": 1, "a": [2]}})
case("dictmeth_keys_values", "{{ d.keys()|list|join(',') }} {{ d.values()|list|join(',') }} {{ d.keys()|length }}",
     {"d": {"b": 2, "a": 1}})
case("dictmeth_get_chained", "{{ config.get('db', {}).get('host', 'localhost') }} {{ config.get('web', {}).get('port', 80) }}",
     {"config": {"web": {"port": 8080}}})
case("dictmeth_literal_items", "{% for k, v in {'x': 1, 'y': 2}.items() %}{{ k }}={{ v }};{% endfor %}")
case("dictmeth_in_values", "{{ 2 in d.values() }} {{ 'a' in d.keys() }}", {"d": {"a": 1, "b": 2}})
case("dictmeth_items_sorted_by_value",
     "{% for k, v in d.items()|sort(attribute='1') %}{{ k }} {% endfor %}", {"d": {"a": 3, "b": 1, "c": 2}})

# --- filters -------------------------------------------------------------------------

case("f_abs", "{{ x|abs }} {{ y|abs }} {{ (-2.5)|abs }} {{ 0|abs }}", {"x": -3, "y": 4})
case("f_attr_on_dict_is_undefined", "{{ user|attr('name') }} [{{ user|attr('nope') }}]", {"user": USER})
text_case("f_batch_list", "{{ xs|batch(3)|list }}", {"xs": NUMBERS})
case("f_batch_fill", "{% for row in xs|batch(3, '-') %}{{ row|join(' ') }}|{% endfor %}", {"xs": NUMBERS})
case("f_batch_table",
     "<table>{% for row in xs|batch(2, '&nbsp;') %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>",
     {"xs": [1, 2, 3]})
case("f_capitalize", "{{ 'hELLO wORLD'|capitalize }} {{ ''|capitalize }}")
case("f_center", "[{{ 'ab'|center(7) }}][{{ 'abc'|center(2) }}][{{ 'x'|center(4) }}][{{ 'ab'|center(6) }}]")
case("f_center_default_width", "[{{ 'x'|center }}]")
case("f_default",
     "{{ missing|default('dflt') }} [{{ ''|default('empty') }}] {{ ''|default('empty', true) }} {{ n|default('n') }} "
     "{{ n|default('n', true) }} {{ 0|d('zero', true) }} {{ name|default('x') }}",
     {"n": None, "name": "set"})
case("f_default_no_argument", "[{{ missing|default }}]")
case("f_default_boolean_keyword", "{{ ''|default('x', boolean=true) }} {{ []|d('empty list', true) }}")
case("f_default_attribute_fallback", "{{ user.nick|default(user.name) }}", {"user": USER})
case("f_default_of_undefined_chain_error", "{{ missing.x|default('?') }}", error="UndefinedError")
DICT_MIXED = {"b": 1, "A": 2, "a": 3, "B": 4}
case("f_dictsort_default", "{% for k, v in d|dictsort %}{{ k }}={{ v }} {% endfor %}", {"d": DICT_MIXED})
case("f_dictsort_case_sensitive", "{% for k, v in d|dictsort(true) %}{{ k }} {% endfor %}", {"d": DICT_MIXED})
case("f_dictsort_by_value", "{% for k, v in d|dictsort(by='value') %}{{ k }}={{ v }} {% endfor %}",
     {"d": {"x": "b", "y": "A", "z": "c"}})
case("f_dictsort_reverse", "{% for k, v in d|dictsort(reverse=true) %}{{ k }} {% endfor %}|"
     "{% for k, v in d|dictsort(false, 'value', true) %}{{ v }} {% endfor %}", {"d": {"a": 2, "c": 1, "b": 3}})
case("f_filesizeformat",
     "{{ 0|filesizeformat }}|{{ 1|filesizeformat }}|{{ 999|filesizeformat }}|{{ 1000|filesizeformat }}|"
     "{{ 1500000|filesizeformat }}|{{ 3000000000|filesizeformat }}|{{ (10 ** 15)|filesizeformat }}|{{ 123456789012|filesizeformat }}")
case("f_filesizeformat_binary",
     "{{ 1023|filesizeformat(true) }}|{{ 1024|filesizeformat(true) }}|{{ 1536|filesizeformat(true) }}|"
     "{{ 1048576|filesizeformat(binary=true) }}|{{ 5000000000|filesizeformat(true) }}")
case("f_filesizeformat_float_and_string", "{{ 2048.5|filesizeformat }}|{{ '4096'|filesizeformat }}|{{ 1.0|filesizeformat }}")
case("f_first_last",
     "{{ xs|first }} {{ xs|last }} {{ 'abc'|first }} {{ 'abc'|last }} [{{ []|first }}] [{{ []|last }}]", {"xs": [3, 4, 5]})
case("f_first_of_attribute_list", "{{ (users|first).name }} {{ (users|last).name }}", {"users": USERS})
case("f_float",
     "{{ '3.5'|float }} {{ 2|float }} {{ 'x'|float }} {{ 'x'|float(1.5) }} {{ '1e3'|float }} {{ ' 2.5 '|float }} {{ none|float }}")
case("f_format_fixed_point_digits",
     "{% for x in xs %}{{ '%.2f'|format(x) }} {{ '%.0f'|format(x) }} {{ '%.3f'|format(x) }} {{ '%.1f' % x }}|{% endfor %}",
     {"xs": [-0.001, 0.0, -0.0, 123456.789, 1e-07, 3.7, -12.5, 0.96, 9.999, 2.675, 1e15, 0.5, 1, -7]})
case("f_format", "{{ '%s-%s'|format('a', 'b') }} {{ '%(x)s!'|format(x=1) }} {{ '%.1f%%'|format(12.345) }}")
case("f_groupby",
     "{% for city, people in users|groupby('city') %}{{ city }}: {{ people|map(attribute='name')|join(', ') }}; {% endfor %}",
     {"users": USERS})
case("f_groupby_grouper_list",
     "{% for g in users|groupby('role') %}{{ g.grouper }}={{ g.list|length }} {% endfor %}", {"users": USERS})
case("f_groupby_dotted_attribute",
     "{% for country, people in users|groupby('address.country') %}{{ country }}:{{ people|length }} {% endfor %}",
     {"users": USERS})
case("f_groupby_int_keys",
     "{% for age, people in users|groupby('age') %}{{ age }}={{ people|map(attribute='name')|join('+') }} {% endfor %}",
     {"users": USERS})
case("f_groupby_default",
     "{% for team, people in people|groupby('team', default='none') %}{{ team }}:{{ people|map(attribute='n')|join }} {% endfor %}",
     {"people": [{"n": "a", "team": "x"}, {"n": "b"}, {"n": "c", "team": "x"}]})
case("f_groupby_case_insensitive",
     "{% for k, items in xs|groupby('k') %}{{ k }}={{ items|length }} {% endfor %}|"
     "{% for k, items in xs|groupby('k', case_sensitive=true) %}{{ k }}={{ items|length }} {% endfor %}",
     {"xs": [{"k": "a"}, {"k": "A"}, {"k": "b"}]})
text_case("f_indent_default", "{{ text|indent }}|", {"text": "a\nb\n\nc"})
text_case("f_indent_width_first", "{{ text|indent(2, true) }}|", {"text": "a\nb\n\nc"})
text_case("f_indent_blank", "{{ text|indent(2, blank=true) }}|", {"text": "a\nb\n\nc"})
text_case("f_indent_string", "{{ text|indent('> ', first=true) }}|", {"text": "a\nb"})
text_case("f_indent_trailing_newline", "{{ text|indent(2) }}|", {"text": "a\nb\n"})
case("f_indent_markup", "{{ text|indent(2) }}", {"text": "<p>\n<b>"})
case("f_int",
     "{{ '42'|int }} {{ '3.7'|int }} {{ 3.9|int }} {{ 'x'|int }} {{ 'x'|int(7) }} {{ '0x1A'|int(base=16) }} "
     "{{ ' 12 '|int }} {{ true|int }} {{ '-5'|int }} {{ (-2.5)|int }} {{ none|int }} {{ 'ff'|int(0, 16) }}")
case("f_join", "{{ xs|join }}|{{ xs|join(', ') }}|{{ users|join(', ', attribute='name') }}",
     {"xs": ["a", "b"], "users": USERS})
case("f_join_non_strings", "{{ [1, 2.5, none, true]|join('-') }}")
case("f_join_dotted_attribute", "{{ users|join(',', attribute='address.city') }}", {"users": USERS})
case("f_length", "{{ xs|length }} {{ 'héllo'|length }} {{ d|length }} {{ missing|length }} {{ xs|count }} {{ ''|length }}",
     {"xs": [1, 2, 3], "d": {"a": 1}})
text_case("f_list", "{{ 'abc'|list }} {{ d|list }} {{ (1, 2)|list }} {{ xs|list }}", {"d": {"b": 1, "a": 2}, "xs": [1]})
case("f_lower_upper", "{{ 'HeLLo'|lower }} {{ 'straße'|upper }} {{ 'ÉCOLE'|lower }}")
case("f_map_attribute", "{{ users|map(attribute='name')|join(', ') }}", {"users": USERS})
case("f_map_filter", "{{ names|map('upper')|join(',') }} {{ ['1', '2', 'x']|map('int')|sum }}", {"names": ["a", "b"]})
case("f_map_filter_by_constant_and_variable_name",
     "{{ names|map('upper', )|join(',') }}|{{ names|map(f)|join(',') }}|{{ names|map('replace', old='a', new='o')|join(',') }}"
     "|{{ people|map(attribute='name', default='?')|join(',') }}", {"names": ["ab", "ca"], "f": "title", "people": [{"name": "x"}, {}]})
case("f_map_unknown_filter_error", "{{ [1]|map('nope')|join }}", error="TemplateRuntimeError")
case("f_map_filter_with_arguments", "{{ names|map('replace', 'a', 'A')|join(',') }} {{ [1.25, 2.5]|map('round', 1)|join(',') }}",
     {"names": ["banana", "pear"]})
case("f_map_attribute_default", "{{ users|map(attribute='nick', default='-')|join(',') }}", {"users": USERS})
case("f_map_dotted_attribute", "{{ users|map(attribute='address.city')|join(',') }}", {"users": USERS})
case("f_map_list_index", "{{ pairs|map(attribute=1)|join(',') }}", {"pairs": [["a", 1], ["b", 2]]})
case("f_max_min",
     "{{ [3, 1, 2]|max }} {{ [3, 1, 2]|min }} {{ ['b', 'A', 'c']|max }} {{ ['b', 'A', 'c']|min }} "
     "{{ ['b', 'A', 'c']|max(case_sensitive=true) }} {{ ['b', 'A', 'c']|min(case_sensitive=true) }} {{ [1.5, 2]|max }}")
case("f_max_min_attribute", "{{ (users|max(attribute='age')).name }} {{ (users|min(attribute='age')).name }}", {"users": USERS})
case("f_max_empty_is_undefined", "[{{ []|max }}][{{ []|min }}]")
case("f_replace", "{{ 'aaa'|replace('a', 'b') }} {{ 'aaa'|replace('a', 'b', 2) }} {{ s|replace('<', '[') }} {{ 'abc'|replace('', '-') }}",
     {"s": "<i>"})
case("f_reverse", "{{ 'abc'|reverse }} {{ [1, 2, 3]|reverse|join(',') }} {{ users|reverse|map(attribute='name')|join(',') }}",
     {"users": USERS})
case("f_round_common", "{{ 2.567|round }} {{ 2.567|round(1) }} {{ 2.5|round }} {{ 3.5|round }} {{ 0.125|round(2) }} {{ 5|round }} {{ 1234.5678|round(-2) }}")
case("f_round_floor_ceil",
     "{{ 2.567|round(2, 'floor') }} {{ 2.561|round(2, 'ceil') }} {{ 7|round(0, 'ceil') }} {{ 1.5|round(0, 'floor') }} "
     "{{ (-1.5)|round(0, 'floor') }} {{ (-1.5)|round(0, 'ceil') }} {{ 2.5|round(method='ceil') }}")
case("f_round_then_int", "{{ 2.7|round|int }} {{ (x / 3)|round(2) }}", {"x": 10})
case("f_round_bad_method_error", "{{ 1.5|round(1, 'up') }}", error="FilterArgumentError")
case("f_select_reject", "{{ xs|select('odd')|join(',') }} {{ xs|reject('odd')|join(',') }} {{ xs|select('divisibleby', 3)|join(',') }}",
     {"xs": NUMBERS})
case("f_select_truthy", "{{ [0, 1, '', 'a', none, [], [0]]|select|list|length }} {{ [0, 1, '', 'a']|reject|list|length }}")
case("f_select_comparison_tests", "{{ xs|select('>', 3)|join(',') }} {{ xs|select('gt', 3)|join(',') }} {{ xs|reject('lt', 3)|join(',') }} "
     "{{ xs|select('==', 2)|join(',') }}", {"xs": NUMBERS})
case("f_select_equalto_in", "{{ names|select('equalto', 'bob')|list|length }} {{ xs|select('in', [1, 2])|join(',') }} "
     "{{ names|reject('in', ['bob'])|join(',') }}", {"names": ["ann", "bob"], "xs": NUMBERS})
case("f_select_string_tests", "{{ mixed|select('string')|join(',') }} {{ mixed|select('number')|join(',') }} {{ mixed|reject('none')|list|length }}",
     {"mixed": ["a", 1, None, 2.5, "b"]})
case("f_selectattr_truthy", "{{ users|selectattr('active')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_selectattr_with_test",
     "{{ users|selectattr('age', 'gt', 30)|map(attribute='name')|join(',') }} "
     "{{ users|selectattr('role', 'equalto', 'user')|map(attribute='name')|join(',') }} "
     "{{ users|selectattr('age', '==', 25)|list|length }}", {"users": USERS})
case("f_rejectattr",
     "{{ users|rejectattr('email', 'none')|map(attribute='name')|join(',') }} {{ users|rejectattr('active')|map(attribute='name')|join(',') }}",
     {"users": USERS})
case("f_selectattr_in", "{{ users|selectattr('role', 'in', ['admin', 'editor'])|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_selectattr_first", "{{ (users|selectattr('role', 'equalto', 'admin')|first).name }}", {"users": USERS})
case("f_selectattr_defined", "{{ xs|selectattr('nick', 'defined')|map(attribute='nick')|join(',') }}",
     {"xs": [{"nick": "a"}, {}, {"nick": "c"}]})
case("f_selectattr_dotted", "{{ users|selectattr('address.country', 'equalto', 'DE')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_slice", "{% for col in xs|slice(3) %}[{{ col|join(',') }}]{% endfor %}", {"xs": NUMBERS})
case("f_slice_fill", "{% for col in xs|slice(3, 0) %}[{{ col|join(',') }}]{% endfor %}", {"xs": NUMBERS})
case("f_slice_more_slices_than_items", "{% for col in [1, 2]|slice(4) %}[{{ col|join(',') }}]{% endfor %}")
case("f_sort",
     "{{ [3, 1, 2]|sort|join(',') }} {{ ['b', 'A', 'c']|sort|join(',') }} {{ ['b', 'A', 'c']|sort(case_sensitive=true)|join(',') }} "
     "{{ [3, 1, 2]|sort(reverse=true)|join(',') }} {{ [2.5, 1, 3]|sort|join(',') }}")
case("f_sort_attribute", "{{ users|sort(attribute='name')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_sort_attribute_reverse", "{{ users|sort(attribute='score', reverse=true)|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_sort_multiple_attributes", "{{ users|sort(attribute='age,name')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_sort_reverse_stable_by_code_point",
     "{{ users|sort(attribute='city', reverse=true)|map(attribute='name')|join(',') }} "
     "{{ ['b', 'Z', 'a', '\u00e9', 'e\u0301', '\u00c9']|sort(case_sensitive=true)|join(',') }}", {"users": USERS})
case("f_truncate_counts_code_points", "{{ text|truncate(9, true, leeway=0) }}|{{ text|truncate(12, leeway=0) }}|{{ text|truncate(21) }}",
     {"text": "cafe\u0301 cre\u0300me bru\u0302le\u0301e"})
case("f_wordwrap_hyphens_and_long_words",
     "{{ text|wordwrap(12) }}|{{ text|wordwrap(8, break_on_hyphens=false) }}|{{ text|wordwrap(5, false, '/') }}",
     {"text": "a state-of-the-art well-known\tsupercalifragilistic word, caf\u00e9 na\u00efve"})
case("f_wordwrap_ascii_whitespace_runs",
     "{{ text|wordwrap(6) }}|{{ text|wordwrap(4, true, '/') }}|{{ text|wordwrap(3, false, '/', false) }}|{{ edge|wordwrap(7, wrapstring='/') }}",
     {"text": "  lead  and--dash a-b-c x-ray     tail  ", "edge": "ab         cd efghijklmnop -x- co-op"})
case("f_wordwrap_python_quirks",
     "{{ a|wordwrap(5, wrapstring='/') }}|{{ b|wordwrap(3, wrapstring='/') }}|{{ c|wordwrap(4, wrapstring='/') }}|"
     "{{ d|wordwrap(6, wrapstring='/') }}|{{ e|wordwrap(5, wrapstring='/') }}",
     {"a": "abcd efghijkl", "b": "a\u00a0b c", "c": "x \u00a0 yyyyyyy", "d": "1-2-3 ab-12 \u00e9t\u00e9-\u00e0-la-mode x_y-z_w",
      "e": "well.--next \u00e9\u00e9--\u00e0\u00e0 9--9 ab\x1fcd"})
case("f_wordwrap_ascii_line_boundaries",
     "{{ a|wordwrap(6, wrapstring='/') }}|{{ b|wordwrap(4, wrapstring='/') }}|{{ c|wordwrap(3, wrapstring='/') }}|{{ d|wordwrap(5, wrapstring='/') }}",
     {"a": "one two three\r\nfour\rfive six\n\nseven\x0beight\x0cnine\x1cten\x1dx\x1ey\n", "b": "    \n  \nab cd    efghij\n",
      "c": "ab abcdefg  -- x", "d": "abcd efghi jklmnopq-rs"})
case("f_truncate_and_sort_ascii_paths",
     "{{ a|truncate(9, leeway=0) }}|{{ b|truncate(12, end='[...]', leeway=0) }}|{{ a|truncate(9, true, '', 0) }}|"
     "{{ people|sort(attribute=' age , name ')|map(attribute='name')|join(',') }}|{{ people|sort(attribute='name ')|map(attribute='name')|join(',') }}",
     {"a": "abcdefghijklmnop qr", "b": "one two three four five", "people": [{"name": "b", "age": 2}, {"name": "a", "age": 2}, {"name": "c", "age": 1}]})
case("f_length_counts_code_points", "{{ s|length }} {{ (s|e)|length }} {{ s|wordcount }}", {"s": "cafe\u0301 cre\u0300me \u2764\ufe0f"})
case("f_lower_and_sort_ignore_case",
     "{{ s|lower }}|{{ t|lower }}|{{ u|lower }}|{{ s.lower() }}|{{ xs|sort|join(',') }}|{{ [one]|sort(attribute='missing')|join }}|{{ []|sort|length }}",
     {"s": "MiXeD Case 123 _-", "t": "already lower", "u": "\u00c9COLE \u0130STANBUL \u03a3\u039f\u03a3", "one": "Z",
      "xs": ["b", "B", "a", "A", "\u00c9", "e"]})
case("f_capitalize_and_join",
     "{{ xs|map('capitalize')|join(', ') }}|{{ 'AΣ'|capitalize }}|{{ '\u01c6x'|capitalize }}|{{ [1, none, 'a']|join }}|{{ [x]|join('-') }}|{{ []|join('-') }}|{{ ['<', 'b']|join('&') }}",
     {"xs": ["hELLO wORLD", "", "ünïCODE", "123abc", "ΣΑΣ"], "x": "<only>"})
case("f_striptags_like_markupsafe_3",
     "{{ a|striptags }}|{{ b|striptags }}|{{ c|striptags }}|{{ d|striptags }}|{{ e|striptags }}|{{ f|striptags }}|{{ g|striptags }}",
     {"a": "a<!-->b", "b": "x<<!-- c -->!-- y -->z", "c": "<!--> x -->", "d": "a<b<c>d>e", "e": "<<a>b>c <!-- open",
      "f": "<!<!-- x -->-- y -->end", "g": "one <b>two</b>\n\t three &amp; <i>four</i>&lt;"})
case("f_sort_stable", "{{ users|sort(attribute='city')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_sort_dotted_attribute", "{{ users|sort(attribute='address.city')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_string", "{{ 12|string ~ 3 }} {{ none|string }} {{ [1]|string }} {{ 1.0|string }} {{ true|string }}")
case("f_striptags", "{{ html|striptags }}", {"html": "<p>Hello   <b>World</b>!</p>\n<!-- c --> <br/>x &amp; y &lt;z&gt;"})
case("f_sum",
     "{{ [1, 2, 3]|sum }} {{ [1.5, 2]|sum }} {{ users|sum(attribute='age') }} {{ [1, 2]|sum(start=10) }} {{ []|sum }} "
     "{{ users|sum(attribute='score') }} {{ users|sum(attribute='age', start=-100) }}", {"users": USERS})
case("f_title", "{{ 'hello world'|title }} | {{ \"o'neil mc-donald (the) [x] <y>\"|title }} | {{ 'HELLO wORLD'|title }} | {{ 'a1b c_d'|title }}")
case("f_tojson", "{{ d|tojson }}",
     {"d": {"s": "<a href='x'>&</a>", "n": 1, "f": 1.5, "z": None, "t": True, "l": [1, "é"], "o": {"k": "v"}}})
case("f_tojson_indent", "{{ d|tojson(2) }}", {"d": {"b": [1, 2], "a": {}}})
case("f_tojson_scalars", "{{ 'x<y'|tojson }} {{ 1|tojson }} {{ none|tojson }} {{ true|tojson }} {{ [1, 'a', none]|tojson }} {{ 2.0|tojson }}")
text_case("f_tojson_in_txt", "{{ d|tojson }}", {"d": {"a": "<&>'\""}})
case("f_tojson_html_attribute", "<div data-x='{{ d|tojson }}'></div>", {"d": {"q": "it's"}})
case("f_trim", "[{{ s|trim }}][{{ '--x--'|trim('-') }}][{{ t|trim }}]", {"s": "  x  ", "t": "\n\tx y \n"})
case("f_truncate",
     "{{ long|truncate(20) }}|{{ long|truncate(20, true) }}|{{ long|truncate(20, false, '…') }}|{{ long|truncate(20, leeway=0) }}|"
     "{{ 'short'|truncate(3) }}|{{ 'abcdefgh'|truncate(5, leeway=0) }}", {"long": LONG})
case("f_truncate_default_length", "{{ (long * 5)|truncate }}", {"long": LONG})
case("f_truncate_killwords_empty_end", "{{ long|truncate(10, true, '') }}|{{ long|truncate(10, killwords=true, end='!') }}", {"long": LONG})
case("f_truncate_within_leeway", "{{ s|truncate(20) }}|{{ s|truncate(19) }}", {"s": "abcdefghijklmnopqrstuvwxy"})
case("f_truncate_no_space", "{{ 'abcdefghijklmnopqrstuvwxyz'|truncate(10) }}")
case("f_unique",
     "{{ ['a', 'A', 'b', 'a']|unique|join(',') }} {{ ['a', 'A', 'b']|unique(case_sensitive=true)|join(',') }} "
     "{{ [3, 1, 3, 2, 1]|unique|join(',') }}")
case("f_unique_attribute", "{{ users|unique(attribute='city')|map(attribute='name')|join(',') }}", {"users": USERS})
case("f_upper", "{{ 'hello'|upper }} {{ name|upper }}", {"name": "<ann>"})
case("f_urlencode", "{{ 'a b&c/d?é=1'|urlencode }}|{{ params|urlencode }}|{{ [('a', 1), ('b', 'x y')]|urlencode }}|{{ 42|urlencode }}",
     {"params": {"q": "a b/c", "page": 2}})
case("f_urlencode_in_href", "<a href=\"/search?{{ params|urlencode }}\">next</a>", {"params": {"q": "cats & dogs", "page": 2}})
case("f_wordcount", "{{ 'Hello, world! foo-bar'|wordcount }} {{ ''|wordcount }} {{ long|wordcount }}", {"long": LONG})
text_case("f_wordwrap", "{{ text|wordwrap(30) }}", {"text": PARAGRAPH})
text_case("f_wordwrap_long_words", "{{ 'abcdefghijklmnop qr'|wordwrap(5) }}|{{ 'abcdefghijklmnop qr'|wordwrap(5, false) }}")
text_case("f_wordwrap_wrapstring", "{{ long|wordwrap(20, wrapstring='<br>') }}", {"long": LONG})
text_case("f_wordwrap_hyphens", "{{ 'state-of-the-art design'|wordwrap(10) }}|{{ 'state-of-the-art design'|wordwrap(10, break_on_hyphens=false) }}")
text_case("f_wordwrap_short_text_unchanged", "{{ 'short text'|wordwrap }}|{{ 'a  b'|wordwrap(79) }}")
case("f_xmlattr", "<div{{ {'class': 'box', 'id': none, 'data-x': '<y>', 'title': 'a \"q\"', 'n': 1}|xmlattr }}>")
case("f_xmlattr_no_autospace", "<div {{ {'a': 1, 'b': missing}|xmlattr(false) }}>")
text_case("f_xmlattr_in_txt", "<div{{ {'class': 'a&b'}|xmlattr }}>")
case("f_xmlattr_invalid_key_error", "{{ {'a b': 1}|xmlattr }}", error="ValueError")
case("f_unknown_filter_error", "{{ x|nosuchfilter }}", {"x": 1}, error="TemplateAssertionError")
case("f_replace_lengths_and_counts",
     "{{ s|replace('aa', 'b') }}|{{ s|replace('a', 'xyz', 3) }}|{{ s|replace('aaa', '') }}|{{ s|replace('q', 'r') }}|"
     "{{ s|replace('aaaaaaaaaaaa', 'z') }}|{{ s|replace(s, '\u00e9\u00e9') }}|{{ u|replace('\u00e9', 'e', 0) }}|{{ u|replace('\u00e9', 'e') }}",
     {"s": "aaaaabaaa", "u": "caf\u00e9 \u00e9t\u00e9"})
case("f_chained", "{{ name|lower|replace('a', '4')|capitalize }}", {"name": "BANANA"})
case("f_on_literal", "{{ [3, 1, 2]|sort|first }} {{ 'x,y'.split(',')|last }}")
case("f_filter_precedence_over_plus", "{{ 1 + xs|length }} {{ 'a' ~ xs|join }}", {"xs": ["p", "q"]})

# --- tests ---------------------------------------------------------------------------

case("test_defined_undefined",
     "{{ x is defined }} {{ missing is defined }} {{ missing is undefined }} {{ x is not defined }} {{ d.k is defined }} {{ d.nope is defined }} {{ n is defined }}",
     {"x": 1, "d": {"k": 0}, "n": None})
case("test_none", "{{ none is none }} {{ n is none }} {{ 0 is none }} {{ missing is none }} {{ x is not none }}", {"n": None, "x": ""})
case("test_number", "{{ 1 is number }} {{ 1.5 is number }} {{ '1' is number }} {{ true is number }} {{ none is number }}")
case("test_string", "{{ 'a' is string }} {{ 1 is string }} {{ ('<b>'|safe) is string }} {{ none is string }} {{ missing is string }}")
case("test_iterable", "{{ [] is iterable }} {{ 'abc' is iterable }} {{ {} is iterable }} {{ 1 is iterable }} {{ none is iterable }} {{ missing is iterable }}")
case("test_mapping", "{{ {} is mapping }} {{ d is mapping }} {{ [] is mapping }} {{ 'a' is mapping }} {{ user is mapping }}",
     {"d": {"a": 1}, "user": USER})
case("test_sequence", "{{ [] is sequence }} {{ 'a' is sequence }} {{ {} is sequence }} {{ 1 is sequence }}")
case("test_odd_even", "{% for i in range(5) %}{{ i }}:{{ 'odd' if i is odd else 'even' }} {% endfor %}{{ -3 is odd }} {{ 0 is even }}")
case("test_divisibleby", "{{ 9 is divisibleby 3 }} {{ 10 is divisibleby(3) }} {{ 0 is divisibleby 5 }} {{ 12 is not divisibleby 5 }}")
case("test_sameas", "{{ none is sameas none }} {{ true is sameas true }} {{ x is sameas false }} {{ f is sameas false }}", {"x": 0, "f": False})
case("test_in", "{{ 2 is in [1, 2] }} {{ 'a' is in 'cat' }} {{ 'k' is in d }} {{ 5 is not in [1] }}", {"d": {"k": 1}})
case("test_comparisons", "{{ 1 is eq 1 }} {{ 'a' is equalto 'b' }} {{ 3 is gt 2 }} {{ 3 is lt 2 }} {{ 2 is ge 2 }} {{ 2 is le 1 }} {{ 2 is ne 3 }}")
case("test_lower_upper", "{{ 'abc' is lower }} {{ 'Abc' is lower }} {{ 'ABC' is upper }} {{ 'AbC' is upper }}")
case("test_boolean_true_false", "{{ true is boolean }} {{ 1 is boolean }} {{ true is true }} {{ 1 is true }} {{ false is false }} {{ 0 is false }}")
case("test_integer_float", "{{ 1 is integer }} {{ 1.0 is integer }} {{ 1.0 is float }} {{ 1 is float }} {{ true is integer }}")
case("test_escaped", "{{ ('<b>'|safe) is escaped }} {{ '<b>' is escaped }} {{ ('<b>'|e) is escaped }}")
case("test_in_if_combined", "{% if x is not none and x is number %}num{% endif %}|{% if y is string and y %}str{% endif %}", {"x": 3, "y": "s"})
case("test_precedence_with_not", "{{ not x is defined }} {{ not missing is defined }} {{ x is divisibleby 2 and y is odd }}", {"x": 4, "y": 3})
case("test_filter_and_test_names", "{{ 'upper' is filter }} {{ 'nosuch' is filter }} {{ 'odd' is test }} {{ 'nosuch' is test }}")
case("test_unknown_test_error", "{{ x is nosuchtest }}", {"x": 1}, error="TemplateAssertionError")

# --- undefined behaviour -------------------------------------------------------------

case("undef_iterates_empty", "{% for x in missing %}{{ x }}{% else %}empty{% endfor %}")
case("undef_length_and_list", "{{ missing|length }} {{ missing|list|length }} [{{ missing|join(',') }}]")
case("undef_comparisons", "{{ missing == none }} {{ missing != 'x' }} {{ missing == missing2 }}")
case("undef_in_string_format", "{{ 'x%sy' % missing }}")
case("undef_upper_filter", "[{{ missing|upper }}][{{ missing|trim }}][{{ missing|string }}]")
case("undef_in_operator", "{{ 'a' in missing }}")
case("undef_dict_key_with_default", "{{ d.nope|default('dflt') }} {{ d['nope'] is undefined }}", {"d": {}})
case("undef_in_conditional_expression", "[{{ missing if missing else 'fallback' }}][{{ missing or 'or-fallback' }}]")
case("undef_call_error", "{{ missing() }}", error="UndefinedError")
case("undef_add_error", "{{ missing + 1 }}", error="UndefinedError")
case("undef_method_call_error", "{{ missing.upper() }}", error="UndefinedError")
case("undef_less_than_error", "{{ missing < 1 }}", error="UndefinedError")
case("undef_int_filter_error", "{{ missing|int }}", error="UndefinedError")

# --- globals -------------------------------------------------------------------------

text_case("global_range_list", "{{ range(3)|list }} {{ range(10)|length }} {{ range(2, 8, 2)|list }}")
case("global_dict", "{% set d = dict(a=1, b='x') %}{{ d.a }}{{ d.b }} {{ dict(z=1)|length }}")
case("global_namespace_kwargs", "{% set ns = namespace(a=1, b='x') %}{{ ns.a }}{{ ns.b }}")

# --- syntax and runtime errors -------------------------------------------------------

for err_name, err_source in [
    ("unclosed_if", "{% if x %}a"),
    ("unclosed_for", "{% for x in xs %}a"),
    ("stray_endif", "a{% endif %}"),
    ("mismatched_end", "{% for x in xs %}{% endif %}"),
    ("unknown_tag", "{% frobnicate %}"),
    ("empty_expression", "{{ }}"),
    ("incomplete_expression", "{{ 1 + }}"),
    ("unclosed_variable", "{{ x"),
    ("unclosed_block_tag", "{% if x"),
    ("unclosed_string", "{{ 'abc }}"),
    ("unclosed_comment", "{# abc"),
    ("for_missing_in", "{% for x %}{% endfor %}"),
    ("bad_operator", "{{ 1 === 2 }}"),
    ("unbalanced_paren", "{{ (1 + 2 }}"),
    ("else_after_else", "{% if x %}{% else %}{% else %}{% endif %}"),
    ("elif_after_else", "{% if x %}{% else %}{% elif y %}{% endif %}"),
    ("macro_bad_parameter", "{% macro f(1) %}{% endmacro %}"),
    ("endblock_wrong_name", "{% block a %}{% endblock b %}"),
    ("unclosed_raw", "{% raw %}abc"),
    ("set_without_value", "{% set x %}"),
    ("filter_without_name", "{{ x| }}"),
    ("dangling_dot", "{{ x. }}"),
    ("endmacro_without_macro", "{% endmacro %}"),
]:
    case("err_syntax_" + err_name, err_source, error="TemplateSyntaxError")
case("err_extends_twice", "{% extends 'a.html' %}{% extends 'b.html' %}",
     templates={"a.html": "a", "b.html": "b"}, error="TemplateRuntimeError")
case("err_call_int", "{{ 1() }}", error="TypeError")
case("err_call_string_variable", "{{ name() }}", {"name": "x"}, error="TypeError")
case("err_call_attribute_value", "{{ user.name() }}", {"user": USER}, error="TypeError")
case("err_call_none", "{{ n() }}", {"n": None}, error="TypeError")
case("err_recursive_macro_unbounded", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", error="RecursionError")

# --- lexer and parser corners --------------------------------------------------------

case("lexer_no_spaces_in_tags", "{%if x%}{{x|upper}}{%endif%}{{1+2*3}}{{x~'!'}}", {"x": "a"})
case("lexer_newlines_inside_tags", "{% if\n  x\n%}{{\n  x\n}}{% endif\n%}", {"x": "yes"})
case("lexer_delimiters_inside_strings", "{{ '{{' }}|{{ \"}}\" }}|{% set s = '%}' %}{{ s }}|{{ '{#' ~ '#}' }}")
case("lexer_lone_braces_in_text", "a { b } {{ '{' }} {\"k\": {{ n }}} { {{ n }} }", {"n": 1})
case("lexer_escaped_quotes_in_strings", r"""{{ "a \"b\"" }}|{{ 'c \'d\'' }}|{{ '\\' }}|{{ "\x41\u00e9" }}""")
case("lexer_text_only_percent_and_hash", "100% {sure} #1 {not a tag} %} }}")
case("lexer_operators_without_spaces", "{{ x-1 }} {{ x*-1 }} {{ x//2 }} {{ x**2 }} {{ not(x) }}", {"x": 5})
case("parser_nested_unpacking", "{% for a, (b, c) in [(1, (2, 3)), (4, (5, 6))] %}{{ a + b + c }} {% endfor %}")
case("parser_set_swap", "{% set a, b = 1, 2 %}{% set a, b = b, a %}{{ a }}{{ b }}")
case("parser_call_with_star_args", "{% macro m(a, b, c=0) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(*xs) }} {{ m(1, **kw) }}",
     {"xs": [1, 2, 3], "kw": {"b": 5, "c": 6}})
case("parser_subscript_expression", "{{ xs[1 + 1] }} {{ d['a' ~ 'b'] }} {{ xs[-1:][0] }}", {"xs": [1, 2, 3], "d": {"ab": "AB"}})
case("parser_filter_with_parenthesized_argument", "{{ xs|join(sep ~ ' ') }} {{ (xs|length + 1) * 2 }}", {"xs": ["a", "b"], "sep": ","})
case("parser_test_with_expression_argument", "{{ x is divisibleby(n + 1) }} {{ x is in(xs) }}", {"x": 6, "n": 2, "xs": [6]})
case("parser_conditional_in_filter_argument", "{{ 'a,b'|replace(',', ';' if semi else '|') }}", {"semi": True})
case("parser_method_call_on_literal", "{{ 'a-b'.split('-')|join('+') }} {{ [3, 1].index(1) }} {{ {'k': 'v'}.get('k') }}")
case("parser_trailing_newline_after_endif", "{% if true %}x{% endif %}\n")

# --- numbers and formatting corners --------------------------------------------------

case("num_float_str_forms",
     "{{ 1e-5 }} {{ 100.0 }} {{ 1e15 }} {{ 1e16 }} {{ 2.0 ** 60 }} {{ 123456789012345678.0 }} {{ 0.1 * 3 }} {{ 1 / 7 }}")
case("num_float_floor_and_modulo", "{{ -7 // 2.0 }} {{ 7 % 2.5 }} {{ -1 % 2.5 }} {{ 3 / 2 * 2 }} {{ 2 ** 31 }}")
case("num_round_half_even",
     "{{ 0.5|round }} {{ 1.5|round }} {{ 2.5|round }} {{ 0.125|round(2) }} {{ 0.375|round(2) }} {{ 2.675|round(2) }} {{ 1.005|round(2) }} {{ (-0.5)|round }}")
case("num_int_filter_forms", "{{ '1e3'|int }} {{ '007'|int }} {{ '12abc'|int }} {{ 1e3|int }} {{ '-3.9'|int }} {{ ''|int }}")
case("num_sum_float_precision", "{{ [0.1, 0.2, 0.3]|sum }} {{ [1, 2.0]|sum }}")
case("num_list_and_tuple_equality", "{{ [1, 2] == [1, 2] }} {{ (1, 2) == (1, 2) }} {{ [1, 2] == (1, 2) }} {{ [1, 2] < [1, 3] }} {{ 'b' > 'abc' }}")
case("num_percent_format_more",
     "{{ '%+d|%5.2f%%|%e|%g|%g|%s|%r|%c' % (5, 12.345, 12345.678, 0.0001, 1234567.0, [1, 'a'], 'q', 65) }}")
case("num_format_spec_more", "{{ '{:08.3f}|{:+d}|{:x}|{:.0%}|{!r}|{:>6.2f}|{:,.2f}'.format(3.14159, 5, 255, 0.25, 'a', 2.5, 1234.5) }}")
case("num_string_repeat_and_list_repeat", "{{ 'ab' * 0 }}|{{ [1, 2] * 2 }}|{{ 'x' * -1 }}|", )
case("num_negative_string_error", "{{ -'a' }}", error="TypeError")

# --- filters, more corners -----------------------------------------------------------

case("filter_join_on_string_and_dict", "{{ 'abc'|join('-') }} {{ d|join(',') }} {{ range(3)|join(',') }}", {"d": {"b": 1, "a": 2}})
case("filter_first_of_dict_and_range", "{{ d|first }} {{ range(5, 8)|first }} {{ range(5, 8)|last }}", {"d": {"b": 1, "a": 2}})
case("filter_length_of_range_and_markup", "{{ range(4)|length }} {{ ('<b>'|safe)|length }} {{ range(5)|sum }}")
case("filter_sort_plain_strings_stable",
     "{{ ['b', 'B', 'a', 'A', '\u00c9', '\u00e9', 'e', '\u03a3']|sort|join(',') }} {{ ['z', 'y']|sort|join }} "
     "{{ ['long words joined', 'past fifteen bytes']|join(' + ') }} {{ ['a', 'b', 'c', 'd', 'e', 'f']|join('-') }} "
     "{{ ['x', 2, 'y']|join('|') }} {{ ['b'|safe, 'a']|sort|join(',') }}")
case("filter_map_then_unique_sorted", "{{ names|map('lower')|unique|sort|join(',') }}", {"names": ["B", "a", "b", "A", "c"]})
case("filter_select_on_missing_attribute", "{{ xs|selectattr('flag')|map(attribute='n')|join(',') }}",
     {"xs": [{"n": 1, "flag": True}, {"n": 2}, {"n": 3, "flag": False}]})
case("filter_string_of_collections", "{{ [1, 'a', none]|string }} {{ {'k': [1.5]}|string }}")
case("filter_escape_of_non_strings", "{{ none|e }} {{ 3|e }} {{ true|escape }} {{ [1, '<']|e }}")
case("filter_capitalize_and_title_spaces", "[{{ ' hello'|capitalize }}][{{ '  two  words '|title }}][{{ 'x-ray vision'|title }}]")
case("filter_wordcount_unicode", "{{ 'héllo wörld, naïve café'|wordcount }} {{ 'one_two three3'|wordcount }}")
case("filter_trim_multiple_chars", "{{ 'xyhelloyx'|trim('xy') }} {{ '..a..'|trim('.') }}")
case("filter_urlencode_more", "{{ 'a~b-c._d e+f'|urlencode }}|{{ {'name': 'Zoë', 'n': 0}|urlencode }}|{{ [('k', 'a&b'), ('k', 2)]|urlencode }}")
case("filter_xmlattr_values", "<x{{ {'a': true, 'b': 0, 'c': '', 'd': '<i>'|safe, 'e': false}|xmlattr }}>")
case("filter_tojson_unicode_and_emoji", "{{ s|tojson }}", {"s": "Zoë 😀 日本"})
case("filter_tojson_floats_and_nesting", "{{ d|tojson }}", {"d": {"z": [1e22, 0.1, -0.0, 3.0], "a": {"y": None, "b": [True, {"q": "\n\t"}]}}})
case("filter_dictsort_int_values", "{% for k, v in d|dictsort(by='value', reverse=true) %}{{ k }}{{ v }} {% endfor %}", {"d": {"a": 10, "b": 9, "c": 100}})
case("filter_groupby_loop_index", "{% for g in users|groupby('city') %}{{ loop.index }}.{{ g.grouper }}({{ g.list|length }}) {% endfor %}", {"users": USERS})
case("filter_default_then_int", "{{ missing|default('7')|int + 1 }} {{ ''|default('3', true)|int * 2 }}")
case("filter_batch_and_slice_uneven", "{{ range(10)|batch(4)|map('join', '')|join('|') }} {{ range(10)|slice(4)|map('join', '')|join('|') }}")
case("filter_sort_mixed_case_attribute", "{{ xs|sort(attribute='n')|map(attribute='n')|join(',') }} {{ xs|sort(attribute='n', case_sensitive=true)|map(attribute='n')|join(',') }}",
     {"xs": [{"n": "b"}, {"n": "B"}, {"n": "a"}, {"n": "C"}]})
case("filter_max_by_attribute_string", "{{ (users|max(attribute='name')).name }} {{ (users|min(attribute='city')).city }}", {"users": USERS})
case("filter_reverse_range_list", "{{ range(3)|reverse|list|join(',') }} {{ (1, 2, 3)|reverse|join(',') }}")
case("filter_indent_first_blank_together", "{{ 'a\n\nb'|indent(3, true, true) }}")
case("filter_wordwrap_preserves_newlines", "{{ 'line one is long\nline two'|wordwrap(8) }}", entry="page.txt")
case("filter_center_unicode", "[{{ 'é'|center(5) }}]")

# --- markup corners ------------------------------------------------------------------

case("markup_replace_with_plain_args", "{{ ('a<b'|e)|replace('&lt;', '[') }} {{ ('a<b'|e)|replace('<', '[') }}")
case("markup_multiply", "{{ ('<b>'|safe) * 2 }} {{ '<i>' * 2 }}")
case("markup_method_upper", "{{ ('<b>x</b>'|safe).upper() }} {{ ('<b>'|safe).replace('b', '<i>') }}")
case("markup_striptags_of_escaped_entities", "{{ '&lt;tag&gt; &amp;amp;'|safe|striptags }}")
case("markup_empty_safe_is_falsy", "{{ 'yes' if ''|safe else 'no' }} {{ 'yes' if ' '|safe else 'no' }}")
case("markup_tilde_undefined", "{{ '<b>'|safe ~ missing ~ '<' }}")
case("markup_escape_in_txt_include_from_html",
     "{% include 'p.txt' %}|{{ s }}", {"s": "<i>"}, templates={"p.txt": "{{ s|e }}{{ s }}"})
case("markup_set_markup_then_filter", "{% set h = '<b>bold</b>'|safe %}{{ h|upper }} {{ h|lower|length }} {{ h|replace('b', 'i') }}")
case("strfmt_percent_mapping_rules",
     "{{ '%s' % {'a': 1} }}|{{ 'abc' % {'a': 1} }}|{{ '%(a)s-%(a)s' % {'a': 1} }}|{{ '%(a)s'|format(a=2) }}|{{ '%s'|format({'b': 3}) }}")
case("f_format_positional_and_keyword_error", "{{ '%s'|format(1, a=2) }}", error="FilterArgumentError")
case("strfmt_percent_missing_key_error", "{{ '%(b)s' % {'a': 1} }}", error="KeyError")
case("strfmt_percent_too_many_arguments_error", "{{ '%s' % (1, 2) }}", error="TypeError")
case("strfmt_percent_too_few_arguments_error", "{{ '%s %s'|format(1) }}", error="TypeError")
case("strfmt_percent_key_needs_mapping_error", "{{ '%(a)s' % (1,) }}", error="TypeError")
case("markup_format_filter_plain_in_html", "{{ '<%s>'|format('x') }}")

# --- statements, more corners --------------------------------------------------------

case("stmt_loop_changed_multiple_args",
     "{% for u in users|sort(attribute='age') %}{% if loop.changed(u.age, u.city) %}[{{ u.age }} {{ u.city }}]{% endif %}{% endfor %}", {"users": USERS})
case("stmt_loop_revindex_with_filter", "{% for x in range(10) if x is even %}{{ loop.revindex }}{% endfor %}")
case("stmt_loop_cycle_with_variable", "{% for x in range(4) %}{{ loop.cycle(*classes) }} {% endfor %}", {"classes": ["a", "b", "c"]})
case("stmt_recursive_loop_with_else", "{% for x in tree recursive %}{{ x.title }}[{{ loop(x.children) }}]{% else %}none{% endfor %}", {"tree": TREE})
case("stmt_for_over_groupby_unpacked_list", "{% for grouper, items in users|groupby('role') %}{% for u in items %}{{ grouper[0] }}{{ u.name[0] }} {% endfor %}{% endfor %}", {"users": USERS})
case("stmt_with_inside_loop", "{% for x in [1, 2] %}{% with y = x * loop.index %}{{ y }}{% endwith %}{% endfor %}")
case("stmt_filter_block_with_loop", "{% filter upper %}{% for x in xs %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}{% endfilter %}", {"xs": ["a", "b"]})
case("stmt_block_set_whitespace_control", "{% set x -%}\n   a b   \n{%- endset %}[{{ x }}]")
case("stmt_namespace_in_macro", "{% macro count(xs) %}{% set ns = namespace(n=0) %}{% for x in xs %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}{% endmacro %}{{ count([1, 2, 3]) }}")
case("stmt_namespace_passed_to_macro", "{% set ns = namespace(v=1) %}{% macro bump(n) %}{% set n.v = n.v * 10 %}{% endmacro %}{{ bump(ns) }}{{ bump(ns) }}{{ ns.v }}")
case("stmt_caller_with_varargs", "{% macro m() %}{{ caller(1, 2, 3) }}{% endmacro %}{% call(a) m() %}{{ a }}+{{ varargs|join }}{% endcall %}")
case("stmt_macro_named_arguments_only_defaults", "{% macro m(a=1, b=2) %}{{ a }}{{ b }}{% endmacro %}{{ m(b=3) }}{{ m() }}{{ m(4) }}")
case("stmt_import_in_block", "{% extends 'base.html' %}{% block content %}{% from 'macros.html' import label %}{{ label('x') }}{% endblock %}",
     templates={**BASES, **MACRO_TEMPLATES})
case("stmt_include_in_macro", "{% macro m() %}[{% include 'header.html' %}]{% endmacro %}{{ m() }}", {"title": "T"}, templates=PARTIALS)
case("stmt_include_in_loop_sees_item", "{% for title in ['a', 'b'] %}{% include 'header.html' %}{% endfor %}", templates=PARTIALS)
case("stmt_parent_macro_used_in_child_block",
     "{% extends 'pm.html' %}{% block body %}{{ shout('hi') }}{% endblock %}",
     templates={"pm.html": "{% macro shout(x) %}{{ x|upper }}!{% endmacro %}<b>{% block body %}{% endblock %}</b>"})
case("stmt_block_inside_if_in_parent", "{% extends 'cond.html' %}{% block a %}A!{% endblock %}{% block b %}B!{% endblock %}",
     {"show": False}, templates={"cond.html": "{% if show %}{% block a %}a{% endblock %}{% else %}{% block b %}b{% endblock %}{% endif %}"})
case("stmt_four_level_super",
     "{% extends 'l3.html' %}{% block x %}4{{ super() }}{% endblock %}",
     templates={"l1.html": "<{% block x %}1{% endblock %}>", "l2.html": "{% extends 'l1.html' %}{% block x %}2{{ super() }}{% endblock %}",
                "l3.html": "{% extends 'l2.html' %}{% block x %}3{{ super() }}{% endblock %}"})
case("stmt_self_block_from_parent_in_child", "{% extends 'sb.html' %}{% block b %}[{{ self.a() }}]{% endblock %}",
     templates={"sb.html": "{% block a %}A{% endblock %}{% block b %}{% endblock %}"})
case("stmt_super_of_empty_parent_block", "{% extends 'base.html' %}{% block content %}[{{ super() }}]{% endblock %}", templates=BASES)
case("stmt_raw_inside_block", "{% extends 'base.html' %}{% block content %}{% raw %}{{ not rendered }}{% endraw %}{% endblock %}", templates=BASES)
case("stmt_autoescape_block_inside_macro", "{% macro m(x) %}{% autoescape false %}{{ x }}{% endautoescape %}{% endmacro %}{{ m('<i>') }}")

# --- undefined, more -----------------------------------------------------------------

case("undef_in_join_list", "{{ [1, missing, 2]|join(',') }}")
case("undef_default_none_is_none", "{{ missing|default(none) is none }}")
case("undef_loop_previtem_comparison", "{% for x in [1, 1, 2] %}{{ 's' if x == loop.previtem else 'd' }}{% endfor %}")
case("undef_attribute_test_on_loop_var", "{% for u in users %}{{ u.nick is defined }}{% endfor %}", {"users": USERS[:2]})
case("undef_nested_default_in_macro", "{% macro m(opts) %}{{ opts.size|default('M') }}{% endmacro %}{{ m({}) }}{{ m({'size': 'L'}) }}")

# --- round 3: scoping, lookups, recursion through include ----------------------------

NODE = {"node.html": "<li>{{ node.title }}{% if node.children %}<ul>{% for node in node.children %}{% include 'node.html' %}{% endfor %}</ul>{% endif %}</li>"}
case("scope_recursive_include_tree", "<ul>{% for node in tree %}{% include 'node.html' %}{% endfor %}</ul>", {"tree": TREE}, templates=NODE)
case("scope_include_ignore_missing_with_context", "[{% include 'nope.html' ignore missing with context %}][{% include 'header.html' ignore missing without context %}]",
     {"title": "T"}, templates=PARTIALS)
case("scope_macro_called_before_definition_error", "{{ m() }}{% macro m() %}x{% endmacro %}", error="UndefinedError")
case("scope_set_from_same_context_name", "{% set x = x + 1 %}{{ x }}", {"x": 1})
case("scope_rebind_loop_variable", "{% for x in [1, 2] %}{% set x = x * 10 %}{{ x }} {% endfor %}")
case("scope_loop_outside_loop", "[{{ loop }}][{{ loop is defined }}]")
case("scope_set_in_block_stays_in_block", "{% extends 'base.html' %}{% block title %}{% set t = 'T' %}{{ t }}{% endblock %}{% block content %}[{{ t }}]{% endblock %}",
     templates=BASES)
case("scope_macro_sees_global_set_after_definition", "{% macro m() %}{{ g }}{% endmacro %}{% set g = 'late' %}{{ m() }}")
case("scope_with_sees_outer_set", "{% set a = 1 %}{% with b = a + 1 %}{{ a }}{{ b }}{% set a = 5 %}{{ a }}{% endwith %}{{ a }}")
case("scope_namespace_across_include", "{% set ns = namespace(n=1) %}{% include 'bump.html' %}{{ ns.n }}",
     templates={"bump.html": "{% set ns.n = ns.n + 1 %}"})
case("lookup_list_with_string_key", "[{{ xs['a'] }}][{{ d[0] }}][{{ 'abc'[10] }}][{{ range(3)[5] }}]", {"xs": [1], "d": {"a": 1}})
case("lookup_method_chain", "{{ user.name.upper() }} {{ user['email'].split('@')[1].title() }}", {"user": USER})
case("lookup_dict_literal_duplicate_keys", "{{ {'a': 1, 'b': 2, 'a': 3}|length }} {% for k, v in {'a': 1, 'b': 2, 'a': 3}.items() %}{{ k }}{{ v }}{% endfor %}")
case("lookup_html_in_keys_escaped", "{% for k, v in d|dictsort %}{{ k }}={{ v }};{% endfor %}", {"d": {"<k>": "&v"}})
case("lookup_markup_contains", "{{ '<' in ('<b>'|safe) }} {{ ('  <b>  '|safe).strip() }}")

# --- round 3: filters ----------------------------------------------------------------

case("filter2_round_int_precision", "{{ 5|round(2) }} {{ 5|round(1, 'floor') }} {{ 15|round(-1) }} {{ 25|round(-1) }}")
case("filter2_float_of_int_string", "{{ '3'|float }} {{ 3|float + 1 }} {{ '-0'|float }}")
case("filter2_join_missing_attribute", "[{{ users|join(',', attribute='nick') }}]", {"users": USERS[:2]})
case("filter2_map_missing_attribute", "[{{ users|map(attribute='nick')|join('|') }}]", {"users": USERS[:2]})
case("filter2_unique_numbers", "{{ [1, 1.0, 2, 2.5, 2]|unique|join(',') }}")
case("filter_tojson_key_order_and_indent", "{{ d|tojson }}|{{ d|tojson(indent=1) }}",
     {"d": {"\u00e9": 1, "z": [[], {}, [1, [2]]], "Z": "\u2028\x01", "a\U0001F600": None, "": 0}})
case("filter2_tojson_markup_and_tuple", "{{ ('<b>'|safe)|tojson }} {{ (1, 'a')|tojson }}")
case("filter2_indent_empty_and_markup", "[{{ ''|indent(2) }}][{{ ('a\n\nb'|safe)|indent(2) }}]")
case("filter2_striptags_nbsp_and_br", "{{ 'a&nbsp;b<br/>c\n\n d'|striptags }}")
case("filter2_filesizeformat_boundaries", "{{ 999999|filesizeformat }}|{{ 1000000|filesizeformat }}|{{ 1023999|filesizeformat(true) }}|{{ 2|filesizeformat }}|{{ 1234567|filesizeformat }}")
case("filter2_length_of_string_number", "{{ 3|string|length }} {{ 12.5|string|length }}")
case("filter2_sum_attribute_dotted", "{{ xs|sum(attribute='p.v') }}", {"xs": [{"p": {"v": 2}}, {"p": {"v": 3.5}}]})
case("filter2_dictsort_values_case_insensitive", "{% for k, v in d|dictsort(by='value') %}{{ v }} {% endfor %}", {"d": {"a": "beta", "b": "Alpha", "c": "alpha"}})
case("filter2_batch_exact_multiple", "{{ range(6)|batch(3)|map('join', ',')|join('|') }} {{ []|batch(2)|list|length }}")
case("filter2_slice_exact_multiple", "{{ range(6)|slice(3)|map('join', ',')|join('|') }}")
case("filter2_replace_count_zero", "{{ 'aaa'|replace('a', 'b', 0) }} {{ 'aaa'|replace('a', 'b', 5) }}")
case("filter2_default_false_value", "{{ false|default('x') }} {{ false|default('x', true) }} {{ 0|default(5) }}")
case("filter2_wordwrap_exact_width", "{{ 'aaaa bbbb cccc'|wordwrap(9) }}|{{ 'aaaa bbbb cccc'|wordwrap(4) }}", entry="page.txt")
case("filter2_truncate_exact_length", "{{ 'abcde fghij'|truncate(11) }}|{{ 'abcde fghij klmno pqrst'|truncate(11, leeway=0) }}|{{ 'abcde fghij klmno'|truncate(8, leeway=0) }}")
case("filter2_select_odd_on_strings_error", "{{ ['a']|select('odd')|list }}", error="TypeError")
case("filter2_sort_mixed_types_error", "{{ [1, 'a']|sort|join }}", error="TypeError")
case("filter2_int_base_forms", "{{ '0b101'|int(base=2) }} {{ '0o17'|int(base=8) }} {{ 'z'|int(base=36) }} {{ '10'|int(base=0) }}")

# --- realistic pages -----------------------------------------------------------------

ADMIN_BASE = (
    "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>{% block title %}{{ admin_name }}{% endblock %}</title>\n"
    "{% block head %}<link rel=\"stylesheet\" href=\"/static/admin.css\">{% endblock %}\n</head>\n<body>\n"
    "<nav>{% for item in menu %}<a href=\"{{ item.url }}\"{% if item.name == active %} class=\"active\"{% endif %}>{{ item.name }}</a>{% endfor %}</nav>\n"
    "{% with messages = flashes %}{% if messages %}<ul class=\"flashes\">{% for category, message in messages %}"
    "<li class=\"{{ category }}\">{{ message }}</li>{% endfor %}</ul>{% endif %}{% endwith %}\n"
    "{% block body %}{% endblock %}\n</body>\n</html>\n"
)
ADMIN_MACROS = (
    "{% macro pager(page, pages, url) -%}\n<div class=\"pager\">\n"
    "{%- if page > 1 %}<a href=\"{{ url }}?page={{ page - 1 }}\">&laquo;</a>{% endif %}\n"
    "{%- for p in range(1, pages + 1) %}{% if p == page %}<b>{{ p }}</b>{% else %}<a href=\"{{ url }}?page={{ p }}\">{{ p }}</a>{% endif %}{% endfor %}\n"
    "{%- if page < pages %}<a href=\"{{ url }}?page={{ page + 1 }}\">&raquo;</a>{% endif %}\n</div>\n{%- endmacro %}\n"
    "{% macro badge(active) %}<span class=\"badge {{ 'on' if active else 'off' }}\">{{ 'yes' if active else 'no' }}</span>{% endmacro %}\n"
)
ADMIN_LIST = (
    "{% extends 'admin/base.html' %}\n{% from 'admin/macros.html' import pager, badge %}\n"
    "{% block title %}Users - {{ super() }}{% endblock %}\n"
    "{% block body %}\n<h1>Users <small>({{ users|length }})</small></h1>\n<table>\n"
    "<tr>{% for col in columns %}<th>{{ col|replace('_', ' ')|title }}</th>{% endfor %}</tr>\n"
    "{% for u in users %}\n<tr class=\"{{ loop.cycle('odd', 'even') }}\">\n"
    "  <td>{{ loop.index + (page - 1) * per_page }}</td>\n  <td><a href=\"/admin/user/{{ u.id }}\">{{ u.name|truncate(12) }}</a></td>\n"
    "  <td>{{ u.email|default('—', true)|lower }}</td>\n  <td>{{ badge(u.active) }}</td>\n  <td>{{ '%.1f'|format(u.score) }}</td>\n</tr>\n"
    "{% else %}\n<tr><td colspan=\"{{ columns|length }}\">No users.</td></tr>\n{% endfor %}\n</table>\n"
    "{{ pager(page, pages, '/admin/user/') }}\n{% endblock %}\n"
)
ADMIN_TEMPLATES = {"admin/base.html": ADMIN_BASE, "admin/macros.html": ADMIN_MACROS}
ADMIN_CONTEXT = {
    "admin_name": "Acme Admin",
    "menu": [{"name": "Users", "url": "/admin/user/"}, {"name": "Posts", "url": "/admin/post/"}],
    "active": "Users",
    "flashes": [["info", "Saved <user>"], ["error", "Oops & more"]],
    "columns": ["id", "full_name", "email", "active", "score"],
    "users": [
        {"id": 11, "name": "Alice Liddell", "email": "ALICE@example.com", "active": True, "score": 9.25},
        {"id": 12, "name": "Bob <script>", "email": None, "active": False, "score": 7},
        {"id": 13, "name": "Carol", "email": "", "active": True, "score": 8.05},
    ],
    "page": 2, "pages": 3, "per_page": 10,
}
case("page_admin_list", ADMIN_LIST, ADMIN_CONTEXT, templates=ADMIN_TEMPLATES)
case("page_admin_list_empty", ADMIN_LIST, {**ADMIN_CONTEXT, "users": [], "flashes": [], "page": 1, "pages": 1},
     templates=ADMIN_TEMPLATES)
FORM_MACROS = (
    "{% macro field(f) -%}\n<div class=\"field{% if f.errors %} error{% endif %}\">\n"
    "  <label for=\"{{ f.name }}\">{{ f.label }}{% if f.required %} *{% endif %}</label>\n"
    "  {%- if f.type == 'textarea' %}\n  <textarea id=\"{{ f.name }}\" name=\"{{ f.name }}\"{{ {'rows': f.rows, 'placeholder': f.placeholder}|xmlattr }}>{{ f.value }}</textarea>\n"
    "  {%- elif f.type == 'select' %}\n  <select name=\"{{ f.name }}\">{% for value, text in f.choices %}<option value=\"{{ value }}\"{% if value == f.value %} selected{% endif %}>{{ text }}</option>{% endfor %}</select>\n"
    "  {%- else %}\n  <input{{ {'type': f.type, 'id': f.name, 'name': f.name, 'value': f.value, 'required': f.required or none}|xmlattr }}>\n"
    "  {%- endif %}\n  {%- for e in f.errors %}\n  <p class=\"err\">{{ e }}</p>\n  {%- endfor %}\n</div>\n{%- endmacro %}\n"
)
FORM_PAGE = (
    "{% import 'forms.html' as forms %}<form method=\"post\" action=\"{{ action }}\">\n"
    "<input type=\"hidden\" name=\"csrf_token\" value=\"{{ csrf_token }}\">\n"
    "{% for f in fields %}{{ forms.field(f) }}\n{% endfor %}"
    "<button>{{ submit|default('Save') }}</button>\n</form>"
)
FORM_CONTEXT = {
    "action": "/admin/user/edit?id=3&next=/admin/",
    "csrf_token": "abc\"123",
    "fields": [
        {"name": "name", "label": "Name", "type": "text", "value": "O'Brien <Tim>", "required": True, "errors": []},
        {"name": "bio", "label": "Bio", "type": "textarea", "value": "a & b", "rows": 4, "placeholder": None, "errors": ["Too short"]},
        {"name": "role", "label": "Role", "type": "select", "value": "user",
         "choices": [["admin", "Admin"], ["user", "User"]], "errors": []},
        {"name": "age", "label": "Age", "type": "number", "value": 41, "required": False, "errors": ["Must be < 40", "Really"]},
    ],
}
case("page_form", FORM_PAGE, FORM_CONTEXT, templates={"forms.html": FORM_MACROS})
LANDING = (
    "{% extends 'site.html' %}\n{% block hero %}<h1>{{ product.name|upper }}</h1><p>{{ product.tagline|wordwrap(40, wrapstring='<br>') }}</p>{% endblock %}\n"
    "{% block content %}\n{% for row in features|batch(2) %}<div class=\"row\">{% for f in row %}"
    "<section id=\"{{ f.title|lower|replace(' ', '-') }}\"><h2>{{ f.title }}</h2><p>{{ f.text|striptags|truncate(30) }}</p></section>"
    "{% endfor %}</div>\n{% endfor %}\n<ul class=\"prices\">{% for plan in plans|sort(attribute='price') %}"
    "<li>{{ plan.name }}: {{ '$%d'|format(plan.price) if plan.price else 'free' }}{% if plan.popular %} ★{% endif %}</li>{% endfor %}</ul>\n"
    "<script>window.plans = {{ plans|map(attribute='name')|list|tojson }};</script>\n{% endblock %}"
)
LANDING_BASE = "<header>{% block hero %}{% endblock %}</header>\n<main>{% block content %}{% endblock %}</main>\n<footer>{{ year }}</footer>"
LANDING_CONTEXT = {
    "product": {"name": "Sakyum", "tagline": "Build admin sites from a few YAML files and Jinja templates, served by one daemon."},
    "features": [
        {"title": "Fast Start", "text": "<b>Create</b> a project in one command, then edit it."},
        {"title": "Admin", "text": "Lists, filters & forms generated from your models."},
        {"title": "Auth", "text": "Sessions, CSRF and roles built in."},
    ],
    "plans": [{"name": "Pro", "price": 20, "popular": True}, {"name": "Free", "price": 0}, {"name": "Team <x>", "price": 99}],
    "year": 2025,
}
case("page_landing", LANDING, LANDING_CONTEXT, templates={"site.html": LANDING_BASE})
text_case("page_email_txt",
          "Hello {{ user.name|title }},\n\n{{ body|wordwrap(30) }}\n\nYour items:\n{% for item in items %}"
          "  {{ loop.index }}. {{ item.name|center(10) }} {{ '%6.2f'|format(item.price) }}\n{% endfor %}"
          "Total: {{ items|sum(attribute='price')|round(2) }}\n{{ footer|indent(2, true) }}\n",
          {"user": {"name": "ann lee"}, "body": PARAGRAPH, "items": [{"name": "Tea", "price": 3.5}, {"name": "Cake", "price": 4.25}],
           "footer": "--\nThe Team"})
case("page_breadcrumbs_and_pagination",
     "<ol>{% for crumb in crumbs %}<li>{% if not loop.last %}<a href=\"{{ crumb.url }}\">{{ crumb.title }}</a> &rsaquo;"
     "{% else %}{{ crumb.title }}{% endif %}</li>{% endfor %}</ol>\n"
     "{% set start = (page - 1) * per_page + 1 %}{% set end = [page * per_page, total]|min %}"
     "<p>Showing {{ start }}–{{ end }} of {{ total }}{{ ' (filtered)' if query }}</p>",
     {"crumbs": [{"title": "Home", "url": "/"}, {"title": "Admin", "url": "/admin"}, {"title": "Users & Roles", "url": None}],
      "page": 3, "per_page": 20, "total": 47, "query": "x"})


# --- rendering -----------------------------------------------------------------------

NAME_PATTERN = re.compile(r"^[a-z0-9_]+$")
LEAKED_OBJECT = re.compile(r"<[A-Za-z_.]+ object at 0x|<function |<bound method |<generator ")


def render(entry):
    env = Environment(
        loader=DictLoader(entry["templates"]),
        autoescape=select_autoescape(["html", "htm", "xml"]),
        keep_trailing_newline=False,
    )
    context = json.loads(json.dumps(entry["context"], sort_keys=True))
    try:
        return env.get_template(entry["entry"]).render(context), None
    except Exception as error:  # the class name is the expectation
        return None, type(error).__name__


def build():
    problems = []
    names = set()
    output = []
    for entry in CASES:
        name = entry["name"]
        if not NAME_PATTERN.match(name):
            problems.append(f"{name}: name must be lower_snake_case")
        if name in names:
            problems.append(f"{name}: duplicate name")
        names.add(name)
        rendered, error = render(entry)
        if error != entry["error"]:
            problems.append(f"{name}: expected {entry['error'] or 'output'}, Jinja2 gave {error or repr(rendered)}")
            continue
        if rendered is not None and LEAKED_OBJECT.search(rendered):
            problems.append(f"{name}: output shows a Python object address: {rendered!r}")
        result = {
            "name": name,
            "templates": entry["templates"],
            "entry": entry["entry"],
            "context": json.loads(json.dumps(entry["context"], sort_keys=True)),
        }
        if error is None:
            result["expected"] = rendered
        else:
            result["error"] = error
        output.append(result)
    if len(output) < MINIMUM_CASES:
        problems.append(f"only {len(output)} cases, want at least {MINIMUM_CASES}")
    return output, problems


def main():
    sys.setrecursionlimit(1000)  # the recursion cases then fail fast and the same way everywhere
    cases, problems = build()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    document = {"generator": f"Jinja2 {jinja2.__version__}", "count": len(cases), "cases": cases}
    OUTPUT.write_text(json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    errors = sum(1 for c in cases if "error" in c)
    print(f"wrote {len(cases)} cases ({errors} expecting an error) to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
