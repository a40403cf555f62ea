import Foundation
import Testing
@testable import SakyumImport

@Suite struct PythonParserTests {
    @Test func readsTheTutorialModel() throws {
        let source = """
        from datetime import datetime
        from sakyum.contrib import db


        class ExamQuestionModel(db.Model):
          \"\"\" Exam default Question model \"\"\"
          id = db.Column(db.Integer, primary_key=True)
          date_posted = db.Column(db.DateTime, nullable=False, default=datetime.utcnow)
          user = db.relationship('User', backref='user')
          question_text = db.Column(db.Text, nullable=False)

          def __str__(self):
            return f'{self.question_text}'
        """
        let statements = try PythonParser.parse(source)
        #expect(statements.count == 3)
        guard case .classDef(let name, let bases, _, let body) = statements[2].kind else {
            Issue.record("not a class: \(statements[2])")
            return
        }
        #expect(name == "ExamQuestionModel")
        #expect(bases.first?.value.dottedName == "db.Model")
        #expect(statements[2].line == 5)
        guard case .assign(let targets, let value) = body[1].kind else { Issue.record("\(body[1])"); return }
        #expect(targets == [.name("id")])
        #expect(value.calleeName == "db.Column")
        #expect(value.positional == [.attribute(.name("db"), "Integer")])
        #expect(value.keyword("primary_key") == .bool(true))
        guard case .functionDef("__str__", ["self"], [], let strBody) = body[5].kind else { Issue.record("\(body[5])"); return }
        #expect(strBody.first?.kind == .returnValue(.formatted([.field(.attribute(.name("self"), "question_text"))])))
    }

    @Test func readsDecoratedViewsAndCompoundStatements() throws {
        let source = """
        @exam.route('/exam/', methods=['GET', 'POST'])
        @login_required
        def index():
          form = QuestionForm()
          if form.validate_on_submit():
            q = ExamQuestionModel(question_text=form.question_text.data, user=current_user); db.session.add(q)
            return redirect(url_for('exam.index'))
          elif request.method == 'POST': pass
          else:
            for x in [y for y in range(3) if y]:
              print(x, *rest, **kw)
          data = {'a': 1, **other}
          try:
            value = items[1:2]
          except (KeyError, ValueError) as error:
            raise
          return render_template('exam/index.html', context=context, total=len(data) if data else 0)
        """
        let statements = try PythonParser.parse(source)
        guard case .functionDef("index", [], let decorators, let body) = statements[0].kind else { Issue.record("\(statements)"); return }
        #expect(decorators.count == 2)
        #expect(decorators[0].calleeName == "exam.route")
        #expect(decorators[0].positional == [.string("/exam/")])
        #expect(decorators[0].keyword("methods") == .list([.string("GET"), .string("POST")]))
        #expect(body.count == 6)
        if case .ifBlock(_, let ifBody, let orElse) = body[1].kind {
            #expect(ifBody.count == 3)
            #expect(orElse.count == 1)
        } else {
            Issue.record("\(body[1])")
        }
        #expect(body[5].kind.isReturn)
    }

    @Test(arguments: [
        ("class A(db.Model:\n  pass\n", "1:8"),
        ("x = 'abc\n", "1:5"),
        ("def f():\nreturn 1\n", "2:1"),
        ("if x:\n    a = 1\n  b = 2\n", "3:3"),
        ("x = = 1\n", "1:5"),
        ("class A(db.Model)\n  id = 1\n", "1:18"),
        ("x = (1, 2]\n", "1:10"),
        ("s = \"\"\"never closed\n", "1:5"),
    ])
    func refusesWhatPythonRefuses(source: String, location: String) {
        do {
            _ = try PythonParser.parse(source)
            Issue.record("parsed: \(source)")
        } catch {
            #expect("\(error.line):\(error.column)" == location, "\(error)")
        }
    }

    /// Refused with a message, never a crash, also on a concurrency thread's small stack.
    @Test(arguments: [
        (String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000), "too many nested parentheses"),
        ("x = " + String(repeating: "-", count: 100_000) + "1\n", "too many nested operators"),
        ("x = " + String(repeating: "not ", count: 10_000) + "y\n", "too many nested operators"),
        ("x = 2" + String(repeating: " ** 2", count: 10_000) + "\n", "too many nested operators"),
        ("x = 1" + String(repeating: " + 1", count: 100_000) + "\n", "expression too long"),
        ("x = a" + String(repeating: ".b", count: 100_000) + "\n", "expression too long"),
        ("x = a" + String(repeating: " or b", count: 100_000) + "\n", "expression too long"),
        ((0..<150).map { String(repeating: " ", count: $0) + "if x:\n" }.joined() + String(repeating: " ", count: 150) + "pass\n", "too many levels of indentation"),
    ])
    func refusesPathologicalNesting(source: String, message: String) async {
        let result = await Task.detached { Result { () throws(PythonSyntaxError) in try PythonParser.parse(source) } }.value
        guard case .failure(let error) = result else {
            Issue.record("parsed")
            return
        }
        #expect(error.message == message)
        let nested = String(repeating: "[", count: 90) + String(repeating: "]", count: 90)
        #expect(throws: Never.self) { try PythonParser.parse("x = \(nested)\n") }
    }

    /// The fuzz seed holds most of Python's statement and expression forms, all valid: every one is read.
    @Test func readsEveryFormOfTheFuzzSeed() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/python-corpus/syntax.py")
        let statements = try PythonParser.parse(try String(contentsOf: seed, encoding: .utf8))
        #expect(statements.count == 4)
    }

    @Test func concatenatesStringsAndDecodesEscapes() throws {
        let statements = try PythonParser.parse("x = ('a\\n' \"b\" r'\\d')\ny = 1_000\n")
        #expect(statements[0].kind == .assign(targets: [.name("x")], value: .string("a\nb\\d")))
        #expect(statements[1].kind == .assign(targets: [.name("y")], value: .number("1_000")))
    }
}

extension PythonStatement.Kind {
    var isReturn: Bool {
        if case .returnValue = self { return true }
        return false
    }
}
