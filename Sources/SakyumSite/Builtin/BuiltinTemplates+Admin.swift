extension BuiltinTemplates {
    /// Flask-Admin's model view templates, by its names, so a project overrides one in templates/admin/model/.
    static let adminPages: [String: String] = [
        "admin/model/list.html": modelList,
        "admin/model/create.html": modelCreate,
        "admin/model/edit.html": modelEdit,
        "admin/model/details.html": modelDetails,
        "admin/model/delete.html": modelDelete,
        "admin/model/form.html": modelForm,
    ]

    static let modelList = #"""
    {% extends "admin/master.html" %}
    {% block title %}{{ admin_view.name }} · {{ project.name }} admin{% endblock %}
    {% block body %}
    <div class="page-header">
      <h1>{{ admin_view.name }} <span class="count">{{ count }}</span></h1>
      <p class="actions">
        {% if admin_view.can_create %}<a class="button" href="{{ admin_view.create_url }}">Create</a>{% endif %}
        {% if admin_view.can_export %}<a class="button button-secondary" href="{{ admin_view.export_url }}{{ '?' ~ request.full_path.split('?', 1)[1] if '?' in request.full_path and request.full_path.split('?', 1)[1] else '' }}">Export CSV</a>{% endif %}
      </p>
    </div>

    {% if search_supported or filters or page_sizes %}
    <form class="list-tools" method="get" action="{{ admin_view.list_url }}" role="search">
      {% if search_supported %}
      <input id="search" name="search" type="search" value="{{ search }}" placeholder="{{ search_placeholder }}" aria-label="Search">
      {% endif %}
      {% for filter in filters %}
      <fieldset class="filter">
        <legend>{{ filter.label }}</legend>
        <select name="fo_{{ filter.name }}" aria-label="{{ filter.label }}: operation">
          {% for operation in filter.operations %}<option value="{{ operation.op }}"{% if operation.selected %} selected{% endif %}>{{ operation.label }}</option>{% endfor %}
        </select>
        {% if filter.options is not none %}
        <select name="fv_{{ filter.name }}" aria-label="{{ filter.label }}: value">
          <option value="">—</option>
          {% for option in filter.options %}<option value="{{ option.value }}"{% if option.value == filter.value %} selected{% endif %}>{{ option.label }}</option>{% endfor %}
        </select>
        {% else %}
        <input name="fv_{{ filter.name }}" value="{{ filter.value }}" aria-label="{{ filter.label }}: value"{% if filter.kind == 'date' %} placeholder="YYYY-MM-DD"{% endif %}{% if filter.error %} aria-invalid="true" aria-describedby="filter-error-{{ filter.name }}"{% endif %}>
        {% endif %}
        {% if filter.error %}<p class="field-message" role="alert" id="filter-error-{{ filter.name }}">{{ filter.error }} This filter is not applied.</p>{% endif %}
      </fieldset>
      {% endfor %}
      {% if page_sizes %}
      <label class="page-size">Rows per page
        <select name="page_size">{% for size in page_sizes %}<option value="{{ size }}"{% if size == page_size %} selected{% endif %}>{{ size }}</option>{% endfor %}</select>
      </label>
      {% endif %}
      <button type="submit">Apply</button>
      {% if search or request.args %}<a class="button button-secondary" href="{{ admin_view.list_url }}">Reset</a>{% endif %}
    </form>
    {% endif %}

    {% if rows %}
    <form method="post" action="{{ admin_view.action_url }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <input type="hidden" name="action" value="delete">
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              {% if admin_view.can_delete %}<th class="select-cell"><span id="select-row" class="visually-hidden">Select</span><input type="checkbox" aria-label="Select all" onclick="for (const box of this.closest('table').querySelectorAll('input[name=rowid]')) box.checked = this.checked"></th>{% endif %}
              <th class="actions-cell"><span class="visually-hidden">Actions</span></th>
              {% for column in columns %}
              <th scope="col"{% if column.sorted %} aria-sort="{{ 'descending' if column.desc else 'ascending' }}"{% endif %}>
                {% if column.sortable %}<a href="{{ column.sort_url }}">{{ column.label }}{% if column.sorted %} {{ '▼' if column.desc else '▲' }}{% endif %}</a>{% else %}{{ column.label }}{% endif %}
              </th>
              {% endfor %}
            </tr>
          </thead>
          <tbody>
            {% for row in rows %}
            <tr>
              {% if admin_view.can_delete %}<td class="select-cell"><span id="row-{{ row.id }}" class="visually-hidden">row {{ row.id }}</span><input type="checkbox" name="rowid" value="{{ row.id }}" aria-labelledby="select-row row-{{ row.id }}"></td>{% endif %}
              <td class="actions-cell">
                {% if admin_view.can_view_details %}<a href="{{ row.details_url }}" title="View">View</a>{% endif %}
                {% if admin_view.can_edit %}<a href="{{ row.edit_url }}" title="Edit">Edit</a>{% endif %}
                {% if admin_view.can_delete %}<a href="{{ row.delete_url }}" title="Delete">Delete</a>{% endif %}
              </td>
              {% for cell in row.cells %}<td>{{ cell }}</td>{% endfor %}
            </tr>
            {% endfor %}
          </tbody>
        </table>
      </div>
      {% if admin_view.can_delete %}<button type="submit" class="button-danger">Delete selected</button>{% endif %}
    </form>
    <p class="list-summary">Rows {{ first_row }}–{{ last_row }} of {{ count }}</p>
    {% if pages > 1 %}
    <nav class="pagination" aria-label="Pages">
      {% if previous_url %}<a href="{{ first_url }}" aria-label="First page">« First</a><a href="{{ previous_url }}" rel="prev">‹ Previous</a>{% endif %}
      {% for link in page_links %}
      {% if link is none %}<span class="gap">…</span>
      {% elif link.current %}<span aria-current="page">{{ link.number }}</span>
      {% else %}<a href="{{ link.url }}">{{ link.number }}</a>{% endif %}
      {% endfor %}
      {% if next_url %}<a href="{{ next_url }}" rel="next">Next ›</a><a href="{{ last_url }}" aria-label="Last page">Last »</a>{% endif %}
    </nav>
    {% endif %}
    {% else %}
    <div class="empty-state"><p>There are no items in the table.</p></div>
    {% endif %}
    {% endblock %}

    """#

    /// The fields of a create or edit form, with their messages; `form_fields` from the view.
    static let modelForm = #"""
    {% if form_errors %}<ul class="errors">{% for error in form_errors %}<li>{{ error }}</li>{% endfor %}</ul>{% endif %}
    <form class="form" method="post" action="{{ form_action }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      {% for field in form_fields %}
      {% set invalid %}{% if field.errors %} aria-invalid="true" aria-describedby="{{ field.name }}-error"{% if field.first_error %} autofocus{% endif %}{% endif %}{% endset %}
      <div class="field{% if field.type == 'checkbox' %} field-check{% endif %}{% if field.errors %} field-error{% endif %}">
        {% if field.type == 'checkbox' %}
        <input id="{{ field.name }}" name="{{ field.name }}" type="checkbox" value="y"{% if field.value %} checked{% endif %}{{ invalid }}>
        <label for="{{ field.name }}">{{ field.label }}</label>
        {% else %}
        <label for="{{ field.name }}">{{ field.label }}{% if field.required %} <span aria-hidden="true">*</span>{% endif %}</label>
        {% if field.type == 'textarea' %}
        <textarea id="{{ field.name }}" name="{{ field.name }}" rows="4"{% if field.required %} required{% endif %}{{ invalid }}>{{ field.value }}</textarea>
        {% elif field.type == 'select' %}
        <select id="{{ field.name }}" name="{{ field.name }}"{% if field.required %} required{% endif %}{% if field.options|length > 10 %} data-searchable{% endif %}{% if field.limited_by %} data-limited-by="{{ field.limited_by }}"{% endif %}{{ invalid }}>
          {% for option in field.options %}<option value="{{ option.value }}"{% if option.limit is not none %} data-limit="{{ option.limit }}"{% endif %}{% if option.selected %} selected{% endif %}>{{ option.label }}</option>{% endfor %}
        </select>
        {% elif field.type == 'lookup' %}
        <input id="{{ field.name }}" name="{{ field.name }}" value="{{ field.value }}" list="{{ field.name }}-choices" autocomplete="off"
               data-lookup="{{ lookup_url }}?name={{ field.name|urlencode }}"{% if field.required %} required{% endif %}{{ invalid }}>
        <datalist id="{{ field.name }}-choices"></datalist>
        <p class="help">Type the id, or part of the name to search.</p>
        {% else %}
        <input id="{{ field.name }}" name="{{ field.name }}" type="{{ field.type }}" value="{{ field.value }}"
               {%- if field.maxlength %} maxlength="{{ field.maxlength }}"{% endif %}
               {%- if field.type == 'number' %} step="any"{% endif %}
               {%- if field.type == 'password' %} autocomplete="new-password"{% endif %}
               {%- if field.required %} required{% endif %}{{ invalid }}>
        {% endif %}
        {% endif %}
        {% if field.errors %}<p class="field-message" id="{{ field.name }}-error">{{ field.errors|join(' ') }}</p>{% endif %}
      </div>
      {% endfor %}
      {% for inline in inlines %}
      <fieldset class="inline-rows">
        <legend>{{ inline.label }}</legend>
        <div class="table-wrap">
          <table class="table">
            <thead><tr>{% for field in inline.fields %}<th scope="col">{{ field.label }}</th>{% endfor %}<th scope="col">Delete</th></tr></thead>
            <tbody>
              {% for row in inline.rows %}
              <tr>
                {% for cell in row.cells %}
                <td>
                  {% if loop.first %}{% if row.id is not none %}<input type="hidden" name="{{ inline.name }}-{{ row.index }}-id" value="{{ row.id }}">{% endif %}{% for error in row.errors %}<p class="field-message" role="alert">{{ error }}</p>{% endfor %}{% endif %}
                  {% if cell.type == 'checkbox' %}
                  <input type="checkbox" name="{{ cell.input }}" value="y" aria-label="{{ inline.fields[loop.index0].label }}, row {{ row.index + 1 }}"{% if cell.value %} checked{% endif %}>
                  {% else %}
                  <input type="{{ cell.type }}" name="{{ cell.input }}" value="{{ cell.value }}" aria-label="{{ inline.fields[loop.index0].label }}, row {{ row.index + 1 }}"{% if cell.errors %} aria-invalid="true" aria-describedby="{{ cell.input }}-error"{% endif %}{% if cell.type == 'number' %} step="any"{% endif %}>
                  {% endif %}
                  {% if cell.errors %}<p class="field-message" id="{{ cell.input }}-error">{{ cell.errors|join(' ') }}</p>{% endif %}
                </td>
                {% endfor %}
                <td>{% if row.id is not none %}<input type="checkbox" name="{{ inline.name }}-{{ row.index }}-_delete" value="y" aria-label="Delete row {{ row.index + 1 }}"{% if row.delete %} checked{% endif %}>{% endif %}</td>
              </tr>
              {% endfor %}
            </tbody>
          </table>
        </div>
      </fieldset>
      {% endfor %}
      <p class="actions">
        <button type="submit">Save</button>
        {% if admin_view.can_create %}<button type="submit" name="_add_another" value="1" class="button-secondary">Save and add another</button>{% endif %}
        {% if admin_view.can_edit %}<button type="submit" name="_continue_editing" value="1" class="button-secondary">Save and continue editing</button>{% endif %}
        <a class="button button-secondary" href="{{ admin_view.list_url }}">Cancel</a>
      </p>
    </form>
    """#

    static let modelCreate = #"""
    {% extends "admin/master.html" %}
    {% block title %}New {{ admin_view.singular }} · {{ project.name }} admin{% endblock %}
    {% block body %}
    <h1>New {{ admin_view.singular }}</h1>
    {% include "admin/model/form.html" %}
    {% endblock %}

    """#

    static let modelEdit = #"""
    {% extends "admin/master.html" %}
    {% block title %}Edit {{ admin_view.singular }} #{{ row_id }} · {{ project.name }} admin{% endblock %}
    {% block body %}
    <div class="page-header">
      <h1>Edit {{ admin_view.singular }} <span class="count">#{{ row_id }}</span></h1>
      {% if admin_view.can_delete %}<p class="actions"><a class="button button-danger" href="{{ delete_url }}">Delete</a></p>{% endif %}
    </div>
    {% include "admin/model/form.html" %}
    {% endblock %}

    """#

    static let modelDetails = #"""
    {% extends "admin/master.html" %}
    {% block title %}{{ admin_view.singular|capitalize }} #{{ row_id }} · {{ project.name }} admin{% endblock %}
    {% block body %}
    <div class="page-header">
      <h1>{{ admin_view.singular|capitalize }} <span class="count">#{{ row_id }}</span></h1>
      <p class="actions">
        {% if admin_view.can_edit %}<a class="button" href="{{ edit_url }}">Edit</a>{% endif %}
        {% if admin_view.can_delete %}<a class="button button-danger" href="{{ delete_url }}">Delete</a>{% endif %}
        <a class="button button-secondary" href="{{ admin_view.list_url }}">Back to the list</a>
      </p>
    </div>
    <dl class="details">
      {% for item in details %}<dt>{{ item.label }}</dt><dd>{{ item.value }}</dd>{% endfor %}
    </dl>
    {% endblock %}

    """#

    static let modelDelete = #"""
    {% extends "admin/master.html" %}
    {% block title %}Delete · {{ admin_view.name }} · {{ project.name }} admin{% endblock %}
    {% block body %}
    <h1>{% if rows|length == 1 %}Delete this {{ admin_view.singular }}?{% else %}Delete these {{ rows|length }} {{ admin_view.plural }}?{% endif %}</h1>
    <ul>{% for row in rows %}<li>{{ row.text }} <span class="count">#{{ row.id }}</span></li>{% endfor %}</ul>
    {% if dependents %}
    <section class="dependents" aria-labelledby="dependents-title">
      <h2 id="dependents-title">Rows that point at {{ 'it' if rows|length == 1 else 'them' }}</h2>
      <ul>{% for item in dependents %}<li{% if item.blocks %} class="blocks"{% endif %}><strong>{{ item.name|capitalize }}: {{ item.count }}</strong>, {{ item.effect }}</li>{% endfor %}</ul>
    </section>
    {% endif %}
    <form class="form" method="post" action="{{ confirm_url }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <input type="hidden" name="confirmed" value="1">
      {% if single %}<input type="hidden" name="id" value="{{ rows[0].id }}">
      {% else %}<input type="hidden" name="action" value="delete">{% for row in rows %}<input type="hidden" name="rowid" value="{{ row.id }}">{% endfor %}{% endif %}
      <p>This cannot be undone.</p>
      <p class="actions">
        <button type="submit" class="button-danger">Delete</button>
        <a class="button button-secondary" href="{{ admin_view.list_url }}">Cancel</a>
      </p>
    </form>
    {% endblock %}

    """#
}
