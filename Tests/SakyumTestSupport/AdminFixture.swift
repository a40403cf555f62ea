import Foundation

/// The tutorial's exam app registered in the admin like sakyum's docs do it: UserAdmin, and the
/// question and choice models under one QuestionChoiceAdmin in the Question-Choice category.
public enum AdminFixture {
    public static func write(in projects: URL, pageSize: Int = 5) throws {
        try ProjectFixture.write(name: "school", in: projects, extraYAML: """
            admin:
              name: school
              views:
                - {model: User, view: UserAdmin, name: User, category: User-section}
                - {model: ExamQuestionModel, view: exam.QuestionChoiceAdmin, name: Questions, category: Question-Choice}
                - {model: ExamChoiceModel, view: exam.ChoiceAdmin, name: Choices, category: Question-Choice}
            """.replacingOccurrences(of: "\n", with: "\n"))
        let project = projects.appendingPathComponent("school")
        let yaml = try String(contentsOf: project.appendingPathComponent("project.yaml"), encoding: .utf8)
        try yaml.replacingOccurrences(of: "blueprints: [default, errors, auth, base]", with: "blueprints: [default, errors, auth, base, exam]")
            .write(to: project.appendingPathComponent("project.yaml"), atomically: true, encoding: .utf8)
        try ProjectFixture.file("exam/models.yaml", in: project, """
            ExamQuestionModel:
              str: "{{ question_text }}"
              fields:
                id: {type: integer, primary_key: true}
                date_posted: {type: datetime, nullable: false, default: now}
                user_id: {type: integer, foreign_key: user.id}
                question_text: {type: text, nullable: false}
                level: {type: integer, choices: [[1, easy], [2, hard]]}
              relationships:
                user: {model: User, backref: exam_questions}
            ExamChoiceModel:
              str: "{{ choice_text }}"
              fields:
                id: {type: integer, primary_key: true}
                question_id: {type: integer, foreign_key: exam_question_model.id, nullable: false}
                choice_text: {type: string, length: 20, nullable: false, unique: true}
                correct: {type: boolean, default: false}
              relationships:
                selector: {model: ExamQuestionModel, backref: choices}

            """)
        try ProjectFixture.file("exam/admin.yaml", in: project, """
            QuestionChoiceAdmin:
              page_size: \(pageSize)
              can_view_details: true
              can_export: true
              column_searchable_list: [question_text]
              column_filters: [user_id, level, date_posted]
              column_default_sort: [id, desc]
              column_labels: {question_text: Question}
            ChoiceAdmin:
              column_list: [choice_text, question_id, correct]
              column_filters: [question_id, correct]
              column_formatters: {choice_text: "<em>{{ value }}</em>"}

            """)
    }
}
