/// The text of the files `create-app` writes: four YAML starting points and the index page.
enum AppFiles {
    /// APP/models.yaml: no models yet, with a commented example.
    static func modelsYAML(app: String) -> String {
        let model = modelName(app, "Question")
        return """
        # Models of the \(app) app. Each top-level key is a model, stored as a database table
        # named like SQLAlchemy does (\(model) -> \(tableName(model))).
        #
        # Field types:   integer, float, boolean, string (with length), text, date, datetime, json
        # Field options: primary_key, nullable, unique, index, default, foreign_key, choices
        #
        # Example: remove the leading `# ` and the `{}` line at the end to use it.
        #
        # \(model):
        #   str: "{{ question_text }}"        # how a row is shown in the admin and in forms
        #   fields:
        #     id: {type: integer, primary_key: true}
        #     date_posted: {type: datetime, nullable: false, default: now}
        #     user_id: {type: integer, foreign_key: user.id}
        #     question_text: {type: text, nullable: false}
        #   relationships:
        #     user: {model: User, backref: \(app)_questions}   # many-to-one through user_id

        {}

        """
    }

    /// APP/forms.yaml: no forms yet, with a commented example.
    static func formsYAML(app: String) -> String {
        """
        # Forms of the \(app) app. Each top-level key is a form; each form maps field names to
        # fields, rendered in templates as form.FIELD.label, form.FIELD() and form.FIELD.errors.
        #
        # Field types: string, textarea, select, submit and the other WTForms fields.
        # Validators as in WTForms: required, length, email, equal_to, number_range, regexp,
        # unique (a model field).
        #
        # Example: remove the leading `# ` and the `{}` line at the end to use it.
        #
        # QuestionForm:
        #   question_text: {type: textarea, label: Question, validators: [required, {length: {min: 5, max: 500}}]}
        #   submit: {type: submit, label: Create}

        {}

        """
    }

    /// APP/admin.yaml: no admin views yet, with a commented example.
    static func adminYAML(app: String) -> String {
        let model = modelName(app, "Question")
        return """
        # Admin views of the \(app) app. Each top-level key is a view whose options are
        # Flask-Admin's (can_create, can_edit, can_delete, page_size, column_list,
        # column_searchable_list, column_filters, column_default_sort, ...).
        # A view appears in the admin once project.yaml lists it with its model:
        #   admin:
        #     views:
        #       - {model: \(model), view: \(app).QuestionAdmin, name: Questions, category: \(app)}
        #
        # Example: remove the leading `# ` and the `{}` line at the end to use it.
        #
        # QuestionAdmin:
        #   can_create: true
        #   can_edit: true
        #   can_delete: true
        #   page_size: 50
        #   column_searchable_list: [question_text]
        #   column_default_sort: [date_posted, desc]

        {}

        """
    }

    /// APP/views.yaml: the index page, with commented examples of the other kinds of view.
    static func viewsYAML(app: String) -> String {
        let model = modelName(app, "Question")
        return """
        # Views of the \(app) app: each item maps a URL to a page.
        # Paths are absolute within the project (the app adds no prefix of its own) and the
        # endpoint is local to the app: the view below is url_for('\(app).index').
        # Rule converters as in Flask: <name>, <int:id>, <float:x>, <path:rest>, <uuid:key>.
        #
        # More examples (remove the leading `# ` to use one):
        #
        # A page with values for its template:
        # - {path: /\(app)/about/, endpoint: about, template: \(app)/about.html, context: {title: About}}
        #
        # A list of rows and a single row (404 when it does not exist):
        # - {path: /\(app)/questions/, endpoint: questions, template: \(app)/questions.html,
        #    context: {questions: {query: \(model), order_by: -date_posted}}}
        # - {path: "/\(app)/<int:id>/", endpoint: detail, template: \(app)/detail.html,
        #    context: {question: {get_or_404: \(model), id: id}}}
        #
        # A form that creates a row (forms.yaml holds QuestionForm), for logged-in users only:
        # - {path: /\(app)/new/, endpoint: create_question, login_required: true,
        #    create: {model: \(model), form: QuestionForm, set: {user_id: current_user.id}},
        #    template: \(app)/form.html, success: {flash: Question created, redirect: \(app).index}}

        - {path: /\(app)/, endpoint: index, template: \(app)/index.html}

        """
    }

    /// templates/APP/index.html: the app's index page.
    static func indexPage(app: String) -> String {
        """
        {% extends "sakyum/layout.html" %}
        {# The index page of the \(app) app, served at /\(app)/ (see \(app)/views.yaml). #}

        {% block title %}\(app) · {{ project.name }}{% endblock %}

        {% block head %}
        <link rel="stylesheet" href="{{ url_for('static', filename='\(app)/style.css') }}">
        {% endblock %}

        {% block content %}
        <section class="hero">
          <p class="eyebrow">{{ project.name }} app</p>
          <h1>\(app)</h1>
          <p class="lead">This is the index page of the <strong>\(app)</strong> app. Make it yours.</p>
          <p class="actions">
            <a class="button button-secondary" href="{{ url_for('base.index') }}">Back to {{ project.name }}</a>
          </p>
        </section>

        <section aria-labelledby="files-heading">
          <h2 id="files-heading">Where things are</h2>
          <dl class="details">
            <dt><code>\(app)/views.yaml</code></dt>
            <dd>the pages of this app and their URLs</dd>
            <dt><code>\(app)/models.yaml</code>, <code>\(app)/forms.yaml</code>, <code>\(app)/admin.yaml</code></dt>
            <dd>its database tables, forms and admin views</dd>
            <dt><code>templates/\(app)/index.html</code></dt>
            <dd>this page</dd>
            <dt><code>static/\(app)/</code></dt>
            <dd>style.css, index.js and media/</dd>
          </dl>
        </section>
        {% endblock %}

        {% block scripts %}
        <script src="{{ url_for('static', filename='\(app)/index.js') }}" defer></script>
        {% endblock %}

        """
    }

    /// `exam`, `Question` → `ExamQuestionModel`, the naming the examples use.
    static func modelName(_ app: String, _ noun: String) -> String {
        let camel = app.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return camel + noun + "Model"
    }

    /// SQLAlchemy's default table name: CamelCase → snake_case.
    static func tableName(_ model: String) -> String {
        var name = ""
        for character in model {
            if character.isUppercase, !name.isEmpty { name += "_" }
            name += character.lowercased()
        }
        return name
    }
}
