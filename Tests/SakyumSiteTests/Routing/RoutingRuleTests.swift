import SakyumSite
import Testing

@Suite("RoutingRule")
struct RoutingRuleTests {
    private func error(_ pattern: String, methods: Set<String> = ["GET"]) -> RoutingError? {
        do {
            _ = try RoutingRule(pattern, endpoint: "e", methods: methods)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsPatterns() throws {
        let rule = try RoutingRule("/exam/<int(min=1):id>/<path:rest>", endpoint: "exam.show", methods: ["get", "Post"])
        #expect(rule.argumentNames == ["id", "rest"])
        #expect(rule.methods == ["GET", "POST"])
        #expect(rule.strictSlashes)
        #expect(rule.endpoint == "exam.show")
        #expect(rule.pattern == "/exam/<int(min=1):id>/<path:rest>")
    }

    @Test(
        "rejects malformed patterns with a message",
        arguments: [
            ("exam", "Invalid rule 'exam': it must start with a slash."),
            ("/a//b", "Invalid rule '/a//b': it has an empty segment ('//')."),
            ("/a/<id", "Invalid rule '/a/<id': '<' at offset 3 is not closed by '>'."),
            ("/a/<b<c>", "Invalid rule '/a/<b<c>': '<' at offset 3 is not closed by '>'."),
            ("/a/b>", "Invalid rule '/a/b>': '>' at offset 4 has no matching '<'."),
            ("/<a>/<int:a>", "Invalid rule '/<a>/<int:a>': variable 'a' appears twice."),
            ("/<1a>", "Invalid rule '/<1a>': '1a' in <1a> is not a valid variable name."),
            ("/<int:>", "Invalid rule '/<int:>': '' in <int:> is not a valid variable name."),
            ("/<a-b>", "Invalid rule '/<a-b>': 'a-b' in <a-b> is not a valid variable name."),
            (
                "/<slug:a>",
                "Invalid rule '/<slug:a>': converter 'slug' in <slug:a> does not exist (known: string, int, float, path, uuid, any)."
            ),
            ("/<int(min=1:a>", "Invalid rule '/<int(min=1:a>': the converter arguments in <int(min=1:a> do not end with ')'."),
            (
                "/<int(mn=1):a>",
                "Invalid rule '/<int(mn=1):a>': converter 'int' in <int(mn=1):a> has no argument 'mn' (known: fixed_digits, min, max, signed)."
            ),
            ("/<int(min='x'):a>", "Invalid rule '/<int(min='x'):a>': converter 'int' in <int(min='x'):a> needs an integer for 'min'."),
            ("/<int(min=5, max=1):a>", "Invalid rule '/<int(min=5, max=1):a>': converter 'int' in <int(min=5, max=1):a> has 'max' 1 below 'min' 5."),
            ("/<int(signed=1):a>", "Invalid rule '/<int(signed=1):a>': converter 'int' in <int(signed=1):a> needs True or False for 'signed'."),
            ("/<int(1,2,3,True,5):a>", "Invalid rule '/<int(1,2,3,True,5):a>': converter 'int' in <int(1,2,3,True,5):a> takes at most 4 arguments (fixed_digits, min, max, signed)."),
            ("/<int(min=1, min=2):a>", "Invalid rule '/<int(min=1, min=2):a>': converter 'int' in <int(min=1, min=2):a> is given argument 'min' twice."),
            ("/<int(min=1, 2):a>", "Invalid rule '/<int(min=1, 2):a>': converter 'int' in <int(min=1, 2):a> has positional argument '2' after a keyword argument."),
            ("/<int(min=1,,):a>", "Invalid rule '/<int(min=1,,):a>': converter 'int' in <int(min=1,,):a> has an empty argument."),
            ("/<int(min=1 2):a>", "Invalid rule '/<int(min=1 2):a>': converter 'int' in <int(min=1 2):a> cannot read argument '1 2'."),
            ("/<float(min='a'):a>", "Invalid rule '/<float(min='a'):a>': converter 'float' in <float(min='a'):a> needs a number for 'min'."),
            ("/<path(1):a>", "Invalid rule '/<path(1):a>': converter 'path' in <path(1):a> takes no arguments."),
            ("/<uuid(x=1):a>", "Invalid rule '/<uuid(x=1):a>': converter 'uuid' in <uuid(x=1):a> has no argument 'x'."),
            ("/<string(length=0):a>", "Invalid rule '/<string(length=0):a>': converter 'string' in <string(length=0):a> needs 'length' of at least 1, not 0."),
            ("/<string(length=2, maxlength=3):a>", "Invalid rule '/<string(length=2, maxlength=3):a>': converter 'string' in <string(length=2, maxlength=3):a> cannot combine 'length' with 'minlength' or 'maxlength'."),
            ("/<string(minlength=4, maxlength=3):a>", "Invalid rule '/<string(minlength=4, maxlength=3):a>': converter 'string' in <string(minlength=4, maxlength=3):a> has 'maxlength' 3 below 'minlength' 4."),
            ("/<any:a>", "Invalid rule '/<any:a>': converter 'any' in <any:a> needs at least one word."),
            ("/<any(x=1):a>", "Invalid rule '/<any(x=1):a>': converter 'any' in <any(x=1):a> takes only positional words."),
            ("/<any('x):a>", "Invalid rule '/<any('x):a>': converter 'any' in <any('x):a> has an unterminated string argument."),
        ]
    )
    func malformed(pattern: String, message: String) {
        #expect(error(pattern) == RoutingError(.invalidPattern, message))
    }

    @Test func rejectsBadMethods() {
        #expect(error("/a", methods: []) == RoutingError(.invalidMethods, "Rule '/a' for endpoint 'e' has no methods."))
        #expect(error("/a", methods: ["GE T"]) == RoutingError(.invalidMethods, "Rule '/a' for endpoint 'e' has an invalid method 'GE T'."))
    }

    @Test func acceptsWerkzeugArgumentForms() throws {
        for pattern in [
            "/<string(2):a>", "/<int(4, 1, 9999, False):a>", "/<float(min=0, max=1.5, signed=True):a>",
            "/<int( min = 1 , max = 2 ):a>", "/<any(\"a,b\", c):a>", "/<int(min=None):a>", "/<int():a>",
        ] {
            _ = try RoutingRule(pattern, endpoint: "e")
        }
    }
}
