import SakyumTemplates
// The built-in templates, compiled into the binary. A project replaces any of them with a
// file of the same name under its templates/ folder.

/// The Jinja2 templates every project has without writing them: the page layout, the admin
/// layout and home, and the error pages.
enum BuiltinTemplates {
    /// Compiled once per process and shared by every Site (see `TemplateLibrary`).
    static let library = TemplateLibrary(all)

    /// Template name → Jinja2 source.
    static let all: [String: String] = [
        "sakyum/layout.html": layout,
        "sakyum/flashes.html": flashes,
        "sakyum/logout_button.html": logoutButton,
        "sakyum/account_menu.html": accountMenu,
        "admin/master.html": adminMaster,
        "admin/index.html": adminIndex,
        "admin/dashboard.html": adminDashboard,
        "errors/layout.html": errorLayout,
    ].merging(errorPages) { builtin, _ in builtin }.merging(authPages) { builtin, _ in builtin }.merging(adminPages) { builtin, _ in builtin }

    /// The flashed messages, shown by the site and admin layouts.
    static let flashes = #"""
    {% if get_flashed_messages is defined %}
    {% with messages = get_flashed_messages(with_categories=true) %}
    {% if messages %}
    <div role="status">
    <ul class="flashes">
      {% for category, message in messages %}
      <li class="flash flash-{{ category }}">{{ message }}</li>
      {% endfor %}
    </ul>
    </div>
    {% endif %}
    {% endwith %}
    {% endif %}
    """#

    /// The signed-in user's menu: their account pages and logging out (site and admin layouts).
    static let accountMenu = #"""
    <details class="menu-dropdown account-menu">
      <summary><span class="visually-hidden">Account of </span>{{ current_user.username }}</summary>
      <ul class="dropdown">
        <li><a href="{{ request.script_root }}/admin/change_profile_image/">Profile image</a></li>
        <li><a href="{{ request.script_root }}/admin/change/password/">Change password</a></li>
        {% if current_user.is_admin or current_user.is_superuser %}
        <li><a href="{{ request.script_root }}/admin/register/">Register a user</a></li>
        {% endif %}
        <li>{% include 'sakyum/logout_button.html' %}</li>
      </ul>
    </details>
    """#

    /// Logging out is a POST with the CSRF token (a link would let any page log a visitor out).
    static let logoutButton = #"""
    <form class="inline-form" method="post" action="{{ request.script_root }}/admin/logout/">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <button type="submit" class="button-secondary">Log out</button>
    </form>
    """#

    /// The layout every built-in and scaffolded page extends.
    /// Blocks: title, head, nav, content, scripts. The default stylesheet is linked outside
    /// `head`, so a page adding its own stylesheet there keeps it.
    static let layout = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>{% block title %}{% if project is defined %}{{ project.name }}{% else %}sakyum{% endif %}{% endblock %}</title>
      {% if url_for is defined %}
      <link rel="icon" href="{{ url_for('static', filename='default/favicon.svg') }}" type="image/svg+xml">
      <link rel="stylesheet" href="{{ url_for('static', filename='default/style.css') }}">
      <script src="{{ url_for('static', filename='default/sakyum.js') }}"></script>
      {% endif %}
      {% block head %}{% endblock %}
    </head>
    <body>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        {% block nav %}
        <nav class="nav container" aria-label="Main">
          {% if project is defined and request is defined %}
          <a class="nav-brand" href="{{ request.script_root }}/">{{ project.name }}</a>
          <ul class="nav-links">
            {% for app in project.apps %}
            {% if app.index_url %}
            <li><a href="{{ app.index_url }}"{% if request.blueprint == app.name %} aria-current="page"{% endif %}>{{ app.name }}</a></li>
            {% endif %}
            {% endfor %}
            {% if current_user is defined and (current_user.is_admin or current_user.is_superuser) %}
            <li><a href="{{ request.script_root }}/admin/">Admin</a></li>
            {% endif %}
          </ul>
          {% if current_user is defined and current_user.is_authenticated and csrf_token is defined %}
          <ul class="nav-links nav-end">
            <li><button type="button" class="theme-toggle" data-theme-toggle hidden aria-label="Dark theme">◐</button></li>
            <li>{% include 'sakyum/account_menu.html' %}</li>
          </ul>
          {% elif current_user is defined and csrf_token is defined %}
          <ul class="nav-links nav-end">
            <li><button type="button" class="theme-toggle" data-theme-toggle hidden aria-label="Dark theme">◐</button></li>
            <li><a href="{{ request.script_root }}/admin/login/?next={{ (request.script_root ~ (request.full_path if request.args else request.path))|urlencode }}">Log in</a></li>
            {% if project.signup_url %}<li><a href="{{ project.signup_url }}">Sign up</a></li>{% endif %}
          </ul>
          {% endif %}
          {% else %}
          <span class="nav-brand">sakyum</span>
          {% endif %}
        </nav>
        {% endblock %}
      </header>
      <main id="main" class="container">
        {% include 'sakyum/flashes.html' %}
        {% block content %}{% endblock %}
      </main>
      <footer class="site-footer">
        <div class="container">Served by sakyumd{% if project is defined %} · {{ project.name }}{% endif %}</div>
      </footer>
      {% block scripts %}{% endblock %}
    </body>
    </html>

    """#

    /// The admin layout (Flask-Admin's name). Blocks: title, head, menu, body, tail.
    /// `admin_menu`, when defined, is a list of `{name, url, children: [{name, url}]}`;
    /// an item with children is a category, shown as a dropdown built on `<details>`.
    static let adminMaster = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <meta name="robots" content="noindex">
      <title>{% block title %}{{ project.name }} admin{% endblock %}</title>
      <link rel="icon" href="{{ url_for('static', filename='default/favicon.svg') }}" type="image/svg+xml">
      <link rel="stylesheet" href="{{ url_for('static', filename='default/style.css') }}">
      <script src="{{ url_for('static', filename='default/sakyum.js') }}"></script>
      {% block head %}{% endblock %}
    </head>
    <body class="admin">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header admin-header">
        <nav class="nav container" aria-label="Admin">
          {% if admin_menu is defined %}
          <a class="nav-brand" href="{{ request.script_root }}/admin/">{{ project.name }} <span class="nav-badge">admin</span></a>
          {% else %}
          <a class="nav-brand" href="{{ request.script_root }}/">{{ project.name }}</a>
          {% endif %}
          {% block menu %}
          {% if admin_menu is defined and admin_menu %}
          <ul class="nav-links admin-menu">
            {% for item in admin_menu %}
            {% if item.children %}
            <li>
              <details class="menu-dropdown">
                <summary>{{ item.name }}</summary>
                <ul class="dropdown">
                  {% for child in item.children %}
                  <li><a href="{{ child.url }}"{% if child.url == request.script_root ~ request.path %} aria-current="page"{% endif %}>{{ child.name }}</a></li>
                  {% endfor %}
                </ul>
              </details>
            </li>
            {% else %}
            <li><a href="{{ item.url }}"{% if item.url == request.script_root ~ request.path %} aria-current="page"{% endif %}>{{ item.name }}</a></li>
            {% endif %}
            {% endfor %}
          </ul>
          {% endif %}
          {% endblock %}
          <ul class="nav-links nav-end">
            <li><button type="button" class="theme-toggle" data-theme-toggle hidden aria-label="Dark theme">◐</button></li>
            <li><a href="{{ request.script_root }}/">View site</a></li>
            {% if current_user.is_authenticated %}
            <li>{% include 'sakyum/account_menu.html' %}</li>
            {% elif request.endpoint != 'auth.adminLogin' %}
            <li><a href="{{ url_for('auth.adminLogin') }}">Log in</a></li>
            {% endif %}
          </ul>
        </nav>
      </header>
      <main id="main" class="container admin-main">
        {% include 'sakyum/flashes.html' %}
        {% block body %}{% endblock %}
      </main>
      {% block tail %}{% endblock %}
    </body>
    </html>

    """#

    /// The default admin home at /admin/.
    static let adminIndex = #"""
    {% extends "admin/master.html" %}

    {% block body %}
    <section class="hero">
      <p class="eyebrow">Administration</p>
      <h1>Welcome to the {{ project.name }} admin</h1>
      <p class="lead">Manage the data of your project from here.</p>
    </section>

    {% include "admin/dashboard.html" %}
    {% endblock %}

    """#

    /// The admin home's summary: each model view with its row count and links (`admin_views`), and the
    /// signed-in admin's account pages. A project's own admin/index.html includes it where it likes.
    static let adminDashboard = #"""
    <section aria-labelledby="views-heading">
      <h2 id="views-heading">Model views</h2>
      {% if admin_views is defined and admin_views %}
      <table class="table dashboard">
        <thead><tr><th scope="col">View</th><th scope="col">Category</th><th scope="col">Rows</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {% for view in admin_views %}
          <tr>
            <td><a href="{{ view.url }}">{{ view.name }}</a></td>
            <td>{{ view.category or '' }}</td>
            <td>{% if view.count is none %}<span title="Waits for a migration (sakyumctl db upgrade)">—</span>{% else %}{{ view.count }}{% endif %}</td>
            <td>{% if view.create_url %}<a href="{{ view.create_url }}">Add {{ view.singular }}</a>{% endif %}</td>
          </tr>
          {% endfor %}
        </tbody>
      </table>
      {% else %}
      <div class="empty-state">
        <p>No model views yet. List them under <code>admin:</code> in <code>project.yaml</code>, for example:</p>
        <pre><code>admin:
      views:
        - {model: User, view: UserAdmin, name: Users, category: Accounts}</code></pre>
      </div>
      {% endif %}
    </section>
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Your account</h2>
      <ul class="card-links">
        <li><a href="{{ request.script_root }}/admin/change_profile_image/">Profile image</a></li>
        <li><a href="{{ request.script_root }}/admin/change/password/">Change password</a></li>
        <li><a href="{{ request.script_root }}/admin/register/">Register a user</a></li>
      </ul>
    </section>
    """#

    /// The layout of the error pages: each `errors/CODE.html` sets `status_code`,
    /// `status_name` and `status_title` and fills `message`; `error.reason` says why this request
    /// failed (a CSRF failure, a pending migration), for every visitor. With debug on, the Site passes
    /// `error.detail` and `error.location`, shown when present.
    static let errorLayout = #"""
    {% extends "sakyum/layout.html" %}
    {# Shared by every errors/CODE.html page: each sets status_code, status_name and
       status_title, and fills the `message` block with one helpful sentence. Rendered itself
       for a status without a page of its own, it shows the error's code, name and description. #}
    {% set status_code = status_code if status_code is defined else error.code %}
    {% set status_name = status_name if status_name is defined else error.name %}
    {% set status_title = status_title if status_title is defined else error.name %}

    {% block title %}{{ status_code }} {{ status_name }}{% if project is defined %} · {{ project.name }}{% endif %}{% endblock %}

    {% block content %}
    <section class="error-page" aria-labelledby="error-title">
      <p class="error-code">{{ status_code }} <span class="error-name">{{ status_name }}</span></p>
      <h1 id="error-title">{{ status_title }}</h1>
      <p class="lead">{% block message %}{{ error.description }}{% endblock %}</p>
      {% if error is defined and error.reason %}<p class="error-reason">{{ error.reason }}</p>{% endif %}
      {% if error is defined and ((error.location is defined and error.location) or (error.detail is defined and error.detail)) %}
      <div class="error-debug" role="note" aria-label="Debug information">
        <h2>Debug information</h2>
        {% if error.location is defined and error.location %}
        <p>Location: <code>{{ error.location }}</code></p>
        {% endif %}
        {% if error.source is defined and error.source %}
        <pre class="error-source">{% for line in error.source %}<span{% if line.current %} class="error-line"{% endif %}>{{ '%4d' % line.number }}  {{ line.text }}</span>{% endfor %}</pre>
        {% endif %}
        {% if request is defined %}<p>Request: <code>{{ request.method }} {{ request.script_root }}{{ request.full_path }}</code></p>{% endif %}
        {% if error.detail is defined and error.detail %}
        <pre>{{ error.detail }}</pre>
        {% endif %}
      </div>
      {% endif %}
      <p class="actions">
        {% block actions %}
        {% if request is defined %}
        <a class="button" href="{{ request.script_root }}/">Go to the home page</a>
        {% endif %}
        {% endblock %}
      </p>
    </section>
    {% endblock %}

    """#
}
