import Foundation
import Synchronization
import SakyumTemplates
import Testing

/// Focused checks of each feature; the Jinja2-generated corpus (ConformanceTests) covers the combinations.
@Suite struct RenderingTests {
    /// Each render starts with the room the template's last one took; outputs far larger and far smaller than
    /// that, one after another, come out whole and exact, as text and as bytes.
    @Test func outputsOfEverySizeInTurnAreExact() throws {
        let environment = TemplateEnvironment(loader: DictionaryLoader(["list.html": "{% for x in items %}<{{ x }}>{% endfor %}."]))
        for count in [0, 3, 5_000, 1, 200_000, 2, 70_000, 0] {
            let items = Value.array((0..<count).map { .int($0) })
            let expected = (0..<count).map { "<\($0)>" }.joined() + "."
            #expect(try environment.render("list.html", context: ["items": items]) == expected, "\(count) items")
            #expect(try environment.renderUTF8("list.html", context: ["items": items]) == Array(expected.utf8), "\(count) items")
        }
    }

    @Test func autoescapeFollowsTheTemplateExtension() throws {
        let context: [String: Value] = ["x": "<b>"]
        #expect(try render("{{ x }}", name: "a.html", context: context) == "&lt;b&gt;")
        #expect(try render("{{ x }}", name: "a.xml", context: context) == "&lt;b&gt;")
        #expect(try render("{{ x }}", name: "a.txt", context: context) == "<b>")
        #expect(try render("{% autoescape false %}{{ x }}{% endautoescape %}", context: context) == "<b>")
        #expect(try render("{% autoescape true %}{{ x }}{% endautoescape %}", name: "a.txt", context: context) == "&lt;b&gt;")
    }

    @Test func singleTrailingNewlineIsDropped() throws {
        #expect(try render("a\n") == "a")
        #expect(try render("a\n\n") == "a\n")
    }

    @Test func whitespaceControlAndRaw() throws {
        #expect(try render("a  {{- 1 -}}  b {%- if true %} c {% endif -%}  d") == "a1b c d")
        #expect(try render("{% raw %}{{ x }}{% endraw %}") == "{{ x }}")
        #expect(try render("x {#- note -#} y") == "xy")
    }

    @Test func loopVariables() throws {
        let source = """
            {% for x in items %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}\
            {{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.cycle('a', 'b') }}|{% endfor %}
            """
        #expect(try render(source, context: ["items": [7, 8]]) == "1021TrueFalse2a|2110FalseTrue2b|")
        let neighbours = "{% for x in [1, 2, 3] %}{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }} {% endfor %}"
        #expect(try render(neighbours) == "<1>2 1<2>3 2<3> ")
        let changed = "{% for x in [1, 1, 2, 1] %}{% if loop.changed(x) %}{{ x }}{% endif %}{% endfor %}"
        #expect(try render(changed) == "121")
    }

    @Test func loopElseFilterAndUnpacking() throws {
        #expect(try render("{% for x in [] %}x{% else %}empty{% endfor %}") == "empty")
        #expect(try render("{% for x in [1, 2, 3, 4] if x is even %}{{ x }}{{ loop.length }}{% endfor %}") == "2242")
        #expect(try render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", context: ["d": .dict([("b", 1), ("a", 2)])]) == "b=1;a=2;")
    }

    @Test func recursiveLoopWithDepth() throws {
        let tree: Value = [["name": "a", "children": [["name": "b", "children": []]]], ["name": "c", "children": []]]
        let source = "{% for n in tree recursive %}{{ n.name }}{{ loop.depth }}{% if n.children %}[{{ loop(n.children) }}]{% endif %}{% endfor %}"
        #expect(try render(source, context: ["tree": tree]) == "a1[b2]c1")
    }

    @Test func loopBodyScopeDoesNotLeak() throws {
        #expect(try render("{% set x = 1 %}{% for i in [2] %}{% set x = i %}{{ x }}{% endfor %}{{ x }}") == "21")
        let namespace = "{% set ns = namespace(total=0) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}"
        #expect(try render(namespace) == "6")
    }

    @Test func setBlockAndWith() throws {
        #expect(try render("{% set greeting | upper %}hi {{ name }}{% endset %}{{ greeting }}", context: ["name": "ann"]) == "HI ANN")
        #expect(try render("{% set a, b = 1, 2 %}{{ b }}{{ a }}") == "21")
        #expect(try render("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]") == "3[]")
    }

    @Test func macrosWithDefaultsKeywordsVarargsAndCaller() throws {
        let macro = "{% macro m(a, b=2, c='x') %}{{ a }}-{{ b }}-{{ c }}{{ varargs }}{{ kwargs }}{% endmacro %}"
        #expect(try render(macro + "{{ m(1) }}|{{ m(1, c='y') }}|{{ m(1, 2, 3, 4, z=5) }}") == "1-2-x(){}|1-2-y(){}|1-2-3(4,){&#39;z&#39;: 5}")
        let call = "{% macro list(items) %}<ul>{% for i in items %}{{ caller(i) }}{% endfor %}</ul>{% endmacro %}"
            + "{% call(item) list([1, 2]) %}<li>{{ item }}</li>{% endcall %}"
        #expect(try render(call) == "<ul><li>1</li><li>2</li></ul>")
    }

    @Test func macroOutputIsMarkupInAutoescapedTemplates() throws {
        let source = "{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}{{ b('<i>') }}|{{ b('x')|upper }}|{% set s = b('y') %}{{ s }}"
        #expect(try render(source) == "<b>&lt;i&gt;</b>|<B>X</B>|<b>y</b>")
    }

    @Test func importAndFromImportContexts() throws {
        let templates = [
            "forms.html": "{% macro field(n) %}<input name=\"{{ n }}\">{{ site }}{% endmacro %}{% set version = 2 %}",
            "a.html": "{% import 'forms.html' as f %}{{ f.field('q') }}{{ f.version }}",
            "b.html": "{% from 'forms.html' import field as input with context %}{{ input('q') }}",
        ]
        #expect(try render(templates, entry: "a.html", context: ["site": "S"]) == "<input name=\"q\">2")
        #expect(try render(templates, entry: "b.html", context: ["site": "S"]) == "<input name=\"q\">S")
    }

    @Test func includeSeesLoopVariablesAndCanBeOptional() throws {
        let templates = [
            "page.html": "{% for i in [1, 2] %}{% include 'row.html' %}{% endfor %}[{% include 'nope.html' ignore missing %}]",
            "row.html": "<{{ i }}>",
            "list.html": "{% include ['missing.html', 'row.html'] %}",
            "bare.html": "{% for i in [1] %}{% include 'row.html' without context %}{% endfor %}",
        ]
        #expect(try render(templates, entry: "page.html") == "<1><2>[]")
        #expect(try render(templates, entry: "list.html", context: ["i": 9]) == "<9>")
        #expect(try render(templates, entry: "bare.html") == "<>")
    }

    @Test func inheritanceOverSeveralLevelsWithSuper() throws {
        let templates = [
            "base.html": "<title>{% block title %}Site{% endblock %}</title>{% block body %}{% endblock %}",
            "layout.html": "{% extends 'base.html' %}{% block title %}{{ section }} - {{ super() }}{% endblock %}",
            "page.html": "{% extends 'layout.html' %}{% set section = 'Admin' %}{% block title %}Users | {{ super() }}{% endblock %}{% block body %}<p>{{ self.title() }}</p>{% endblock %}",
        ]
        #expect(try render(templates, entry: "page.html") == "<title>Users | Admin - Site</title><p>Users | Admin - Site</p>")
    }

    @Test func scopedBlocksSeeLoopVariables() throws {
        let templates = [
            "base.html": "{% for i in [1, 2] %}{% block a scoped %}{% endblock %}{% block b %}{% endblock %}{% endfor %}",
            "page.html": "{% extends 'base.html' %}{% block a %}{{ i }}{% endblock %}{% block b %}[{{ i }}]{% endblock %}",
        ]
        #expect(try render(templates, entry: "page.html") == "1[]2[]")
    }

    @Test func filterBlocks() throws {
        #expect(try render("{% filter upper|replace('A', '4') %}a{{ x }}{% endfilter %}", context: ["x": "<a>"]) == "4&LT;4&GT;")
    }

    @Test func operatorPrecedenceAndPythonArithmetic() throws {
        #expect(try render("{{ 1 + 2 * 3 ** 2 }} {{ -2 ** 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 'a' ~ (1 + 2) }}") == "19 4 3 -4 2 3.5 a3")
        #expect(throws: TemplateError.self) { try render("{{ 'a' ~ 1 + 2 }}") }
        #expect(try render("{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'b' in 'abc' }} {{ 1 not in [1] }} {{ not 0 and 1 or 2 }}") == "True False True False 1")
        #expect(try render("{{ 'yes' if n > 1 else 'no' }} [{{ 'x' if false }}]", context: ["n": 2]) == "yes []")
        #expect(try render("{{ -5|abs }} {{ (1, 2) }} {{ [1, 'a', none, true, 1.0] }} {{ {'a': 1} }}") == "5 (1, 2) [1, &#39;a&#39;, None, True, 1.0] {&#39;a&#39;: 1}")
    }

    @Test func floatsPrintLikePython() throws {
        #expect(try render("{{ 1.0 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1e-5 }} {{ 1e16 }} {{ 123456789.5 }} {{ 10 / 4 }}", name: "a.txt")
            == "1.0 0.30000000000000004 1e+20 1e-05 1e+16 123456789.5 2.5")
    }

    @Test func stringFormattingAndSlicing() throws {
        #expect(try render("{{ '%s has %d items (%.1f%%)' % ('cart', 3, 12.345) }}", name: "a.txt") == "cart has 3 items (12.3%)")
        #expect(try render("{{ '{:>6}|{:,}|{:.2f}|{name}'.format('ab', 1234567, 2.5, name='n') }}", name: "a.txt") == "    ab|1,234,567|2.50|n")
        #expect(try render("{{ 'abcdef'[1:4] }} {{ 'abcdef'[::-2] }} {{ [1, 2, 3][-1] }} {{ [1, 2, 3][:2] }}", name: "a.txt") == "bcd fdb 3 [1, 2]")
    }

    @Test func stringAndDictionaryMethods() throws {
        let source = "{{ ' a,b '.strip().split(',') }} {{ 'x'.upper() }} {{ 'ab'.replace('b', 'c') }} {{ 'abc'.startswith('a') }} {{ d.get('k', 0) }} {{ d.keys()|list }} {{ d.items()|list }}"
        #expect(try render(source, name: "a.txt", context: ["d": ["z": 1]]) == "['a', 'b'] X ac True 0 ['z'] [('z', 1)]")
    }

    @Test func filters() throws {
        let users: Value = [["name": "bo", "age": 30], ["name": "al", "age": 20]]
        let context: [String: Value] = ["users": users, "n": 1536]
        #expect(try render("{{ users|map(attribute='name')|join(', ') }}", context: context) == "bo, al")
        #expect(try render("{{ users|sort(attribute='age')|map(attribute='name')|first }}", context: context) == "al")
        #expect(try render("{{ users|selectattr('age', 'gt', 25)|list|length }}", context: context) == "1")
        #expect(try render("{{ n|filesizeformat }} {{ n|filesizeformat(true) }}", context: context) == "1.5 kB 1.5 KiB")
        #expect(try render("{{ 'hello world'|title }} {{ 'x'|center(5) }}|{{ 3.14159|round(2) }} {{ '42'|int + 1 }}") == "Hello World   x  |3.14 43")
        #expect(try render("{{ 'a long sentence here'|truncate(12) }}") == "a long...")
        #expect(try render("{% for g in users|groupby('age') %}{{ g.grouper }}:{{ g.list|length }} {% endfor %}", context: context) == "20:1 30:1 ")
        #expect(try render("{{ {'a b': 'c&d'}|urlencode }} {{ 'a/b c'|urlencode }}") == "a+b=c%26d a/b%20c")
        #expect(try render("{{ [3, 1, 2]|sort|join }} {{ [1, 2, 3, 4, 5]|batch(2)|list }} {{ ['a', 'A', 'b']|unique|list }}", name: "a.txt")
            == "123 [[1, 2], [3, 4], [5]] ['a', 'b']")
        #expect(try render("<a{{ {'href': '/x?a=1&b=2', 'title': none}|xmlattr }}>") == "<a href=\"/x?a=1&amp;b=2\">")
        #expect(try render("{{ '<p>Hi <b>you</b></p>'|striptags }} {{ 'one two'|wordcount }}") == "Hi you 2")
    }

    /// striptags on text full of tags and comments: each removal used to move the rest of the text, which made
    /// a long post quadratic. The result is the text between the tags, whitespace collapsed.
    @Test func striptagsOnManyTags() throws {
        let html = String(repeating: "<p class=\"x\">word<!-- note --></p>\n", count: 20_000)
        let stripped = try render("{{ html|striptags }}", context: ["html": .string(html)])
        #expect(stripped == Array(repeating: "word", count: 20_000).joined(separator: " "))
    }

    @Test func datetimeFormatFilter() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
        let context: [String: Value] = ["d": .date(date)]
        #expect(try render("{{ d|datetimeformat }}", context: context) == "2023-11-14 22:13")
        #expect(try render("{{ d|datetimeformat('%A %d %B %Y, %I:%M %p') }}", context: context) == "Tuesday 14 November 2023, 10:13 PM")
        #expect(try render("{{ d|datetimeformat('%H:%M %z', 'Europe/Oslo') }}", context: context) == "23:13 +0100")
        #expect(try render("{{ '2024-02-29T08:05:00Z'|dateformat('%d.%m.%Y') }} {{ d|dateformat }}", context: context) == "29.02.2024 2023-11-14")
        #expect(try render("{{ d }} {{ d.year }}", context: context) == "2023-11-14 22:13:20 2023")
    }

    @Test func tests() throws {
        let source = "{{ x is defined }} {{ y is undefined }} {{ none is none }} {{ 3 is odd }} {{ 9 is divisibleby 3 }} {{ 'a' is string }} {{ {} is mapping }} {{ [] is iterable }} {{ 1 is number }} {{ 2 is in [1, 2] }} {{ true is sameas true }}"
        #expect(try render(source, context: ["x": 1]) == "True True True True True True True True True True True")
    }

    @Test func undefinedBehavesLikeJinja2() throws {
        #expect(try render("[{{ missing }}][{% for x in missing %}x{% endfor %}][{{ missing|length }}][{{ missing is defined }}]") == "[][][0][False]")
        #expect(try render("{{ missing|default('fallback') }} {{ ''|default('empty', true) }} {{ d.nothing }}", context: ["d": [:]]) == "fallback empty ")
    }

    @Test func objectsAndFunctionsFromSwift() throws {
        struct User: TemplateObject {
            func attribute(_ name: String) -> Value? {
                switch name {
                case "name": "<ann>"
                case "is_authenticated": true
                case "has_role": .callable(TemplateFunction { arguments in .bool(arguments.value("role", at: 0)?.stringContent == "admin") })
                default: nil
                }
            }
            var renderedText: String { "User(ann)" }
        }
        let urlFor = TemplateFunction { arguments in
            let endpoint = arguments.value("endpoint", at: 0)?.stringContent ?? ""
            let query = arguments.keyword.filter { $0.0 != "endpoint" }.map { "\($0.0)=\($0.1.text)" }.joined(separator: "&")
            return .string("/" + endpoint + (query.isEmpty ? "" : "?" + query))
        }
        let context: [String: Value] = ["current_user": .object(User()), "url_for": .callable(urlFor)]
        let source = "{% if current_user.is_authenticated %}{{ current_user.name }}{% endif %} {{ current_user }} {{ current_user.has_role('admin') }} {{ url_for('auth.login', next='/a') }} [{{ current_user.missing }}]"
        #expect(try render(source, context: context) == "&lt;ann&gt; User(ann) True /auth.login?next=/a []")
    }

    @Test func globalsAreVisibleEverywhere() throws {
        let environment = TemplateEnvironment(
            loader: DictionaryLoader(["a.html": "{{ site }}{% include 'b.html' without context %}", "b.html": "{{ site }}"]),
            globals: ["site": "S"])
        #expect(try environment.render("a.html", context: [:]) == "SS")
        #expect(try environment.renderString("{{ site }}{{ x }}", context: ["x": 1]) == "S1")
    }

    /// Many template variables (the scope's table grows several times) stay distinct and reach an include.
    @Test func manyVariablesStayApart() throws {
        var context: [String: Value] = [:]
        for number in 0..<300 { context["v\(number)"] = .int(number) }
        let sets = (0..<40).map { "{% set s\($0) = v\($0 * 7) %}" }.joined()
        let page = sets + "{{ v0 }},{{ v299 }},{{ s39 }},{{ s1 }},{{ missing is defined }},{% include 'part.html' %}"
        let environment = TemplateEnvironment(loader: DictionaryLoader(["page.html": page, "part.html": "{{ s20 }}/{{ v150 }}"]))
        #expect(try environment.render("page.html", context: context) == "0,299,273,7,False,140/150")
    }

    @Test func templatesAreParsedOnceAndRenderConcurrently() async throws {
        final class CountingLoader: TemplateLoader, @unchecked Sendable {
            private let lock = NSLock()
            private var loads = 0
            var count: Int { lock.withLock { loads } }
            func load(_ name: String) throws -> TemplateSource? {
                lock.withLock { loads += 1 }
                return TemplateSource(text: "{% for i in range(n) %}{{ i }}{% endfor %}", origin: name)
            }
        }
        let loader = CountingLoader()
        let environment = TemplateEnvironment(loader: loader)
        _ = try environment.template(named: "t.html")
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<32 {
                group.addTask { try environment.render("t.html", context: ["n": .int(n % 4)]) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outputs.count == 32)
        #expect(Set(outputs) == ["", "0", "01", "012"])
        #expect(loader.count == 1)
    }

    @Test func deepestAllowedNestingFitsInASmallThreadStack() throws {
        let source = "{% macro m(n) %}{% if n > 0 %}<{% for x in [n] %}{{ m(n - 1) }}{% endfor %}>{% endif %}{% endmacro %}{{ m(47) }}"
        let result = Mutex<Result<String, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.withLock { $0 = Result { try render(source) } }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        let output = try #require(try result.withLock { $0 }?.get())
        #expect(output == String(repeating: "<", count: 47) + String(repeating: ">", count: 47))
    }
}
