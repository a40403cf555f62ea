import SakyumSpec

/// The text of the files `create-project` writes.
enum ProjectFiles {
    static func databaseLines(_ database: DatabaseSpec) -> String {
        switch database {
        case .sqlite(let file):
            return "database: \(YAMLScalar.string("sqlite:" + file))       # the SQLite file, created next to this file on first load"
        case .postgres(let location):
            return """
            # PostgreSQL (docs/scaling.md). The password is never written here: put it in a file only the daemon
            # can read and name it, e.g. database: {url: ..., password_file: pg.password}, or set PGPASSWORD in
            # the daemon's environment.
            database: \(YAMLScalar.string(location.description))
            """
        }
    }

    /// project.yaml, with comments that explain each key.
    static func projectYAML(name: String, hosts: [String], prefix: String, database: DatabaseSpec = .default) -> String {
        let quotedName = YAMLScalar.string(name)
        let hostLines = hosts.map { "  - \(YAMLScalar.string($0))" }.joined(separator: "\n")
        return """
        # \(name): a sakyum project served by sakyumd.
        # Edit this file while the daemon runs: it is reloaded on save, and a mistake keeps the
        # previous version serving (`sakyumctl status \(name)` shows where the problem is).

        name: \(quotedName)                  # must stay equal to the project folder's name

        # Where the project answers. A request whose Host header is one of `hosts` sees the
        # project at `/`; any other request reaches it under `prefix`, e.g. http://127.0.0.1:5000\(prefix)/
        hosts:
        \(hostLines)
        prefix: \(prefix)

        \(databaseLines(database))
        debug: false                      # true shows the cause and its file:line on error pages

        # Blueprints in registration order (sakyum's reg_blueprints). Keep the built-ins default,
        # errors, auth and base first; `sakyumctl create-app \(name) APP` appends each new app here.
        blueprints:
          - default
          - errors
          - auth
          - base

        # The admin site at /admin/ (home page: templates/admin/index.html). List model views, e.g.
        #   views:
        #     - {model: User, view: UserAdmin, name: User, category: User-section}
        admin:
          name: \(quotedName)
          views: []

        # Uploaded files, such as profile images, are kept in media/.
        uploads:
          folder: media
          allowed_extensions: [png, jpg, jpeg]
          max_content_length: 16MiB

        # Replace a built-in error page with your own template, e.g. {404: \(name)/404.html}.
        # A file named templates/errors/404.html replaces it as well.
        errors: {}

        # The project's own pages: the `base` blueprint. `/` is url_for('base.index').
        routes:
          - {path: /, endpoint: index, template: \(name)/index.html}

        """
    }

    /// templates/NAME/index.html: the landing page listing the project's apps.
    static func landingPage(name: String) -> String {
        """
        {% extends "sakyum/layout.html" %}
        {# The landing page of \(name), served at `/` (see `routes:` in project.yaml).
           Change it freely: it is yours. `project.apps` lists the registered apps. #}

        {% block title %}{{ project.name }}{% endblock %}

        {% block head %}
        <link rel="stylesheet" href="{{ url_for('static', filename='\(name)/style.css') }}">
        {% endblock %}

        {% block content %}
        <section class="hero">
          <p class="eyebrow">sakyum project</p>
          <h1>{{ project.name }}</h1>
          <p class="lead">Your project is up and running. Every app registered in
            <code>project.yaml</code> appears below, with a link to its index page.</p>
          <p class="actions">
            <a class="button" href="{{ request.script_root }}/admin/">Open the admin</a>
          </p>
        </section>

        <section aria-labelledby="apps-heading">
          <h2 id="apps-heading">Apps</h2>
          {% if project.apps %}
          <ul class="cards">
            {% for app in project.apps %}
            <li class="card">
              {% if app.index_url %}
              <h3 class="card-title"><a href="{{ app.index_url }}">{{ app.name }}</a></h3>
              <p class="card-text"><code>{{ app.index_url }}</code></p>
              {% else %}
              <h3 class="card-title">{{ app.name }}</h3>
              <p class="card-text">No index page yet: add a view with <code>endpoint: index</code>
                to <code>{{ app.name }}/views.yaml</code>.</p>
              {% endif %}
            </li>
            {% endfor %}
          </ul>
          {% else %}
          <div class="empty-state">
            <p>No apps yet. Create the first one; it appears here right away:</p>
            <pre><code>sakyumctl create-app {{ project.name }} exam</code></pre>
          </div>
          {% endif %}
        </section>

        <section aria-labelledby="next-heading">
          <h2 id="next-heading">Where things are</h2>
          <dl class="details">
            <dt><code>project.yaml</code></dt>
            <dd>hosts, prefix, database, blueprints, admin views and this page's route</dd>
            <dt><code>templates/\(name)/index.html</code></dt>
            <dd>this page</dd>
            <dt><code>static/\(name)/</code></dt>
            <dd>style.css, index.js and media/, served at <code>{{ url_for('static', filename='\(name)/style.css') }}</code></dd>
          </dl>
        </section>
        {% endblock %}

        {% block scripts %}
        <script src="{{ url_for('static', filename='\(name)/index.js') }}" defer></script>
        {% endblock %}

        """
    }

    /// templates/admin/index.html: the admin home, meant to be customised.
    static func adminIndex(name: String) -> String {
        """
        {% extends "admin/master.html" %}
        {# The admin home of \(name) at /admin/. Customise it freely; the menu comes from
           the `admin:` section of project.yaml. #}

        {% block body %}
        <section class="hero">
          <p class="eyebrow">Administration</p>
          <h1>{{ project.name }} admin</h1>
          <p class="lead">Manage the data of {{ project.name }}. Model views listed under
            <code>admin: views:</code> in <code>project.yaml</code> appear in the menu above.</p>
        </section>
        {% endblock %}

        """
    }
}
