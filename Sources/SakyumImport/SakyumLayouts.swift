/// sakyum's own page layouts, which its project templates extend (`default_base.html` →
/// `default_index.html` → `default.html`), rebuilt on sakyumd's layout with the same block names
/// (head_css, head_js, head_title, auth, logo, short_info, main), and the page a not-ported view shows.
/// Written into an imported project's templates/, where the user can change them.
enum SakyumLayouts {
    static let templates: [(name: String, text: String)] = [
        ("default.html", base), ("default_index.html", index), ("default_base.html", landing),
    ]

    static let base = #"""
    {% extends "sakyum/layout.html" %}
    {# sakyum's default.html, written by `sakyumctl import`: its blocks on sakyumd's layout. Yours to change. #}
    {% block title %}{% block head_title %}{% if context is defined and context.head_title %}{{ context.head_title }} · {% endif %}{{ project.name }}{% endblock head_title %}{% endblock %}
    {% block head %}{% block head_css %}{% endblock head_css %}{% block head_js %}{% endblock head_js %}{% endblock %}
    {% block content %}
    {% block auth %}{% endblock auth %}
    {% block logo %}{% block short_info %}{% endblock short_info %}{% endblock logo %}
    {% block main %}{% endblock main %}
    {% endblock %}

    """#

    static let index = #"""
    {% extends "default.html" %}
    {# sakyum's default_index.html, written by `sakyumctl import`. #}
    {% block logo %}
    <div class="page-header">{% block short_info %}{% endblock short_info %}</div>
    {% endblock logo %}

    """#

    static let landing = #"""
    {% extends "default_index.html" %}
    {# sakyum's default_base.html (the project's landing page), written by `sakyumctl import`. #}
    {% block short_info %}
      <h1>{{ project.name }}</h1>
      <p>{% if current_user.is_authenticated %}Hi <strong>{{ current_user.username }}</strong>, you are logged in.{% else %}Log in to take actions.{% endif %}</p>
    {% endblock short_info %}
    {% block main %}
      {% if project.apps %}
      <ul class="cards">
        {% for app in project.apps %}
        <li class="card"><h3 class="card-title">{% if app.index_url %}<a href="{{ app.index_url }}">{{ app.name }}</a>{% else %}{{ app.name }}{% endif %}</h3></li>
        {% endfor %}
      </ul>
      {% endif %}
    {% endblock main %}

    """#

    static let notPorted = #"""
    {% extends "sakyum/layout.html" %}
    {# The page of a sakyum view that was Python code: `sakyumctl import` could not write it as a view. #}
    {% block title %}Not ported yet · {{ project.name }}{% endblock %}
    {% block content %}
    <div class="empty-state">
      <h1>Not ported yet</h1>
      <p>This page was Python code in the sakyum project (<code>{{ origin }}</code>).
        IMPORT.md in the project folder says what to write instead.</p>
    </div>
    {% endblock %}

    """#
}
