extension BuiltinTemplates {
    /// The auth blueprint's pages, named as sakyum's (`admin_login.html`, …) so a project overrides one
    /// by writing a file of that name in its templates/.
    static let authPages: [String: String] = [
        "admin_login.html": login,
        "admin_logout.html": logout,
        "admin_register.html": register,
        "admin_change_password.html": changePassword,
        "admin_change_profile_image.html": changeProfileImage,
        "sakyum/auth_layout.html": authLayout,
    ]

    /// A narrow page under the admin header for the auth forms.
    static let authLayout = #"""
    {% extends "admin/master.html" %}
    {% block body %}
    <section class="auth-page" aria-labelledby="auth-title">
      <h1 id="auth-title">{% block heading %}{% endblock %}</h1>
      {% block form %}{% endblock %}
    </section>
    {% endblock %}

    """#

    static let login = #"""
    {% extends "sakyum/auth_layout.html" %}
    {% block title %}Log in · {{ project.name }}{% endblock %}
    {% block heading %}Log in{% endblock %}
    {% block form %}
    <form class="form" method="post" action="{{ url_for('auth.adminLogin') }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      {% if next %}<input type="hidden" name="next" value="{{ next }}">{% endif %}
      <div class="field">
        <label for="username">Username</label>
        <input id="username" name="username" value="{{ username }}" autocomplete="username" required autofocus maxlength="20">
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
      </div>
      <div class="field field-check">
        <input id="remember" name="remember" type="checkbox" value="y">
        <label for="remember">Remember me</label>
      </div>
      <button type="submit">Log in</button>
    </form>
    {% if project.signup_url %}<p class="form-aside">No account yet? <a href="{{ project.signup_url }}">Sign up</a></p>{% endif %}
    {% endblock %}

    """#

    static let logout = #"""
    {% extends "sakyum/auth_layout.html" %}
    {% block title %}Log out · {{ project.name }}{% endblock %}
    {% block heading %}Log out{% endblock %}
    {% block form %}
    <form class="form" method="post" action="{{ url_for('auth.adminLogout') }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <p>{% if current_user.is_authenticated %}You are logged in as <strong>{{ current_user.username }}</strong>.{% else %}You are not logged in.{% endif %}</p>
      <button type="submit">Log out</button>
    </form>
    {% endblock %}

    """#

    static let register = #"""
    {% extends "sakyum/auth_layout.html" %}
    {% block title %}Register a user · {{ project.name }}{% endblock %}
    {% block heading %}Register a user{% endblock %}
    {% block form %}
    <form class="form" method="post" action="{{ url_for('auth.adminRegister') }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <div class="field">
        <label for="username">Username</label>
        <input id="username" name="username" value="{{ username or '' }}" required minlength="3" maxlength="20" autocomplete="off">
      </div>
      <div class="field">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" value="{{ email or '' }}" required maxlength="120" autocomplete="off">
      </div>
      <div class="field">
        <label for="password1">Password</label>
        <input id="password1" name="password1" type="password" required minlength="6" autocomplete="new-password">
      </div>
      <div class="field">
        <label for="password2">Confirm password</label>
        <input id="password2" name="password2" type="password" required minlength="6" autocomplete="new-password">
      </div>
      <button type="submit">Register</button>
    </form>
    {% endblock %}

    """#

    static let changePassword = #"""
    {% extends "sakyum/auth_layout.html" %}
    {% block title %}Change password · {{ project.name }}{% endblock %}
    {% block heading %}Change your password{% endblock %}
    {% block form %}
    <form class="form" method="post" action="{{ url_for('auth.adminChangePassword') }}">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <div class="field">
        <label for="old_password">Current password</label>
        <input id="old_password" name="old_password" type="password" required autocomplete="current-password">
      </div>
      <div class="field">
        <label for="password1">New password</label>
        <input id="password1" name="password1" type="password" required minlength="6" autocomplete="new-password">
      </div>
      <div class="field">
        <label for="password2">Confirm the new password</label>
        <input id="password2" name="password2" type="password" required minlength="6" autocomplete="new-password">
      </div>
      <p class="help">Changing it logs you out everywhere else.</p>
      <button type="submit">Change password</button>
    </form>
    {% endblock %}

    """#

    static let changeProfileImage = #"""
    {% extends "sakyum/auth_layout.html" %}
    {% block title %}Profile image · {{ project.name }}{% endblock %}
    {% block heading %}Your profile image{% endblock %}
    {% block form %}
    <p><img class="profile-image" src="{{ url_for('auth.profile_image', filename=current_user.user_img) }}" alt="Profile image of {{ current_user.username }}" width="96" height="96"></p>
    <form class="form" method="post" action="{{ url_for('auth.change_profile_image') }}" enctype="multipart/form-data">
      <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
      <div class="field">
        <label for="file">A PNG or JPEG image</label>
        <input id="file" name="file" type="file" accept="image/png,image/jpeg" required>
      </div>
      <button type="submit">Upload</button>
    </form>
    {% endblock %}

    """#
}
