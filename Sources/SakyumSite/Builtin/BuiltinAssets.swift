/// The files of the built-in `default` blueprint, served at /static/default/NAME.
enum BuiltinAssets {
    /// File name → content type and bytes.
    static let files: [String: (contentType: String, bytes: [UInt8])] = [
        "style.css": ("text/css; charset=utf-8", Array(styleSheet.utf8)),
        "favicon.svg": ("image/svg+xml", Array(favicon.utf8)),
        "sakyum.js": ("text/javascript; charset=utf-8", Array(script.utf8)),
    ]

    /// The built-in pages' behaviour, none of which they need to work: menus close one another, on Escape
    /// and on a click outside; the theme switch overrides the system's light or dark mode and is remembered
    /// in the `theme` cookie. Loaded in <head> so the chosen theme applies before the page is drawn.
    static let script = #"""
    "use strict";
    (() => {
      const root = document.documentElement;
      const chosen = document.cookie.split("; ").find((pair) => pair.startsWith("theme="))?.slice(6);
      if (chosen === "light" || chosen === "dark") root.dataset.theme = chosen;

      const menus = () => document.querySelectorAll("details.menu-dropdown");
      document.addEventListener("toggle", (event) => {
        const opened = event.target;
        if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("menu-dropdown") || !opened.open) return;
        for (const menu of menus()) if (menu !== opened) menu.open = false;
      }, true);
      document.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        for (const menu of menus()) {
          if (!menu.open) continue;
          menu.open = false;
          menu.querySelector("summary")?.focus();
        }
      });
      document.addEventListener("click", (event) => {
        for (const menu of menus()) if (menu.open && !menu.contains(event.target)) menu.open = false;
      });

      document.addEventListener("DOMContentLoaded", () => {
        // A long select gets a filter box above it; without JavaScript it stays a plain select.
        for (const select of document.querySelectorAll("select[data-searchable]")) {
          const filter = document.createElement("input");
          filter.type = "search";
          filter.className = "select-filter";
          filter.placeholder = "Type to filter";
          filter.setAttribute("aria-label", `Filter the choices of ${select.labels[0]?.textContent.trim() ?? select.name}`);
          filter.setAttribute("aria-controls", select.id);
          filter.addEventListener("input", () => {
            const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
            let first = null;
            for (const option of select.options) {
              const shown = option.value === "" || words.every((word) => option.text.toLowerCase().includes(word));
              option.hidden = !shown;
              if (shown && option.value !== "" && !first) first = option;
            }
            // The first match is picked unless what is picked still matches.
            const picked = select.selectedOptions[0];
            if (first && words.length && (!picked || picked.hidden || picked.value === "")) select.value = first.value;
          });
          select.before(filter);
        }
        // limit_choices_to: a select offers only the options that agree with the field it follows.
        for (const select of document.querySelectorAll("select[data-limited-by]")) {
          const driver = document.getElementById(select.dataset.limitedBy);
          if (!driver) continue;
          const follow = () => {
            for (const option of select.options) {
              if (option.dataset.limit !== undefined) option.hidden = driver.value !== "" && option.dataset.limit !== driver.value;
            }
            if (select.selectedOptions[0]?.hidden) select.value = "";
          };
          driver.addEventListener("change", follow);
          follow();
        }
        // A foreign key with too many rows for a select is typed: suggestions come from the view's lookup.
        for (const input of document.querySelectorAll("input[data-lookup]")) {
          input.addEventListener("input", async () => {
            const response = await fetch(input.dataset.lookup + "&query=" + encodeURIComponent(input.value));
            if (!response.ok) return;
            const list = document.getElementById(input.getAttribute("list"));
            list.replaceChildren(...(await response.json()).map(([id, text]) => new Option(text, id)));
          });
        }
        for (const toggle of document.querySelectorAll("[data-theme-toggle]")) {
          toggle.hidden = false;
          const dark = () => root.dataset.theme === "dark"
            || (!root.dataset.theme && matchMedia("(prefers-color-scheme: dark)").matches);
          const label = () => toggle.setAttribute("aria-pressed", String(dark()));
          label();
          toggle.addEventListener("click", () => {
            root.dataset.theme = dark() ? "light" : "dark";
            document.cookie = `theme=${root.dataset.theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
            label();
          });
        }
      });
    })();

    """#

    /// The icon the layouts link: a white "s" on the accent colour.
    static let favicon = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2563eb"/><path d="M21.5 10.5c-1.2-1.3-3-2-5.2-2-3.2 0-5.5 1.7-5.5 4.3 0 2.4 1.8 3.4 5 4.1 2.3.5 3.1 1 3.1 2 0 1.1-1.1 1.8-2.8 1.8-1.9 0-3.4-.7-4.6-2l-1.9 2.2c1.5 1.7 3.8 2.6 6.4 2.6 3.5 0 5.9-1.8 5.9-4.6 0-2.5-1.7-3.6-5.1-4.3-2.2-.5-3-.9-3-1.9 0-.9.9-1.6 2.4-1.6 1.5 0 2.7.6 3.6 1.5z" fill="#fff"/></svg>

    """#

    /// The dark palette, used by the system's dark mode and by the theme switch.
    private static let darkColours = """
            --bg: #0f141b;
            --surface: #171e28;
            --surface-muted: #1e2733;
            --text: #e5e9f0;
            --muted: #a7b1c0;
            --border: #2e3a4a;
            --accent: #6ea8fe;
            --accent-hover: #93bffe;
            --accent-text: #0b1220;
            --accent-soft: #1b2a44;
            --header-bg: #0a0e14;
            --header-text: #f3f5f8;
            --header-muted: #aab4c3;
            --success-bg: #12291b; --success-text: #b7ebc9; --success-border: #2b5c3d;
            --info-bg: #14233b; --info-text: #bfd6fb; --info-border: #2f4b78;
            --warning-bg: #2c2310; --warning-text: #f5dea3; --warning-border: #6b5420;
            --danger-bg: #301617; --danger-text: #f8c4c4; --danger-border: #733032;
            --danger: #f87171;
            --shadow: 0 1px 2px rgb(0 0 0 / 40%), 0 4px 12px rgb(0 0 0 / 25%);
            --focus: 0 0 0 3px rgb(110 168 254 / 55%);
        """

    /// One stylesheet for every built-in page: system fonts, light and dark colours from
    /// `prefers-color-scheme`, a responsive navigation bar, cards, tables, forms and error pages.
    static let styleSheet = #"""
    /* sakyum built-in stylesheet, served at /static/default/style.css.
       A project restyles pages in its own static/NAME/style.css, loaded after this file. */

    :root {
      color-scheme: light dark;
      --font-sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
      --font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
      --bg: #f6f7f9;
      --surface: #ffffff;
      --surface-muted: #f1f3f6;
      --text: #1f2937;
      --muted: #4b5563;
      --border: #d9dee5;
      --accent: #2563eb;
      --accent-hover: #1d4ed8;
      --accent-text: #ffffff;
      --accent-soft: #e8effd;
      --header-bg: #111827;
      --header-text: #f9fafb;
      --header-muted: #cbd5e1;
      --success-bg: #e7f6ec; --success-text: #14532d; --success-border: #9fd8b3;
      --info-bg: #e8f1fd; --info-text: #1e3a8a; --info-border: #a9c6f5;
      --warning-bg: #fdf5e2; --warning-text: #713f12; --warning-border: #ecd08b;
      --danger-bg: #fdecec; --danger-text: #7f1d1d; --danger-border: #f0a9a9;
      --danger: #b91c1c;
      --radius: 10px;
      --radius-small: 6px;
      --shadow: 0 1px 2px rgb(15 23 42 / 6%), 0 4px 12px rgb(15 23 42 / 6%);
      --focus: 0 0 0 3px rgb(37 99 235 / 45%);
      --width: 72rem;
    }

    /* Dark colours follow the system unless the theme switch chose (data-theme on <html>, kept in a cookie). */
    @media (prefers-color-scheme: dark) {
      :root:not([data-theme="light"]) {
    \#(darkColours)
      }
    }
    :root[data-theme="dark"] {
      color-scheme: dark;
    \#(darkColours)
    }
    :root[data-theme="light"] { color-scheme: light; }

    /* Base */

    *, *::before, *::after { box-sizing: border-box; }

    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

    body {
      margin: 0;
      min-height: 100vh;
      display: flex;
      flex-direction: column;
      background: var(--bg);
      color: var(--text);
      font-family: var(--font-sans);
      font-size: 1rem;
      line-height: 1.6;
    }

    main { flex: 1; }
    /* A page's first heading keeps clear of the bar above and of the flashed messages. */
    main.container { padding-top: 1.5rem; padding-bottom: 2.5rem; }
    main.container > :first-child { margin-top: 0; }
    main.container > [role="status"] { margin-bottom: 1.25rem; }
    main.container > [role="status"] .flashes { margin-top: 0; }

    h1, h2, h3, h4 { line-height: 1.25; margin: 1.5em 0 0.5em; font-weight: 650; }
    h1 { font-size: clamp(1.75rem, 4vw, 2.5rem); letter-spacing: -0.02em; }
    h2 { font-size: 1.35rem; }
    h3 { font-size: 1.1rem; }
    p, ul, ol, dl, pre, table { margin: 0 0 1rem; }

    a { color: var(--accent); text-underline-offset: 0.15em; }
    a:hover { color: var(--accent-hover); }

    :focus-visible { outline: none; box-shadow: var(--focus); border-radius: var(--radius-small); }

    code, pre, kbd { font-family: var(--font-mono); font-size: 0.9em; }
    code { background: var(--surface-muted); border: 1px solid var(--border); border-radius: 4px; padding: 0.1em 0.35em; }
    pre {
      background: var(--surface-muted);
      border: 1px solid var(--border);
      border-radius: var(--radius-small);
      padding: 0.85rem 1rem;
      overflow-x: auto;
      line-height: 1.5;
    }
    pre code { background: none; border: 0; padding: 0; font-size: inherit; }

    img { max-width: 100%; height: auto; }

    hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }

    .container { width: 100%; max-width: var(--width); margin: 0 auto; padding: 0 1.25rem; }

    .skip-link {
      position: absolute;
      left: 1rem;
      top: -3rem;
      z-index: 100;
      padding: 0.5rem 0.9rem;
      background: var(--surface);
      color: var(--accent);
      border-radius: var(--radius-small);
      box-shadow: var(--shadow);
    }
    .skip-link:focus { top: 0.75rem; }

    /* Navigation bar */

    .site-header { background: var(--header-bg); color: var(--header-text); }

    .nav { display: flex; align-items: center; gap: 0.5rem 1.5rem; flex-wrap: wrap; min-height: 3.5rem; }

    .nav-brand {
      color: var(--header-text);
      font-weight: 700;
      font-size: 1.1rem;
      text-decoration: none;
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
    .nav-brand:hover { color: var(--header-text); }

    .nav-badge {
      font-size: 0.7rem;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      padding: 0.1rem 0.45rem;
      border-radius: 999px;
      background: rgb(255 255 255 / 14%);
      color: var(--header-muted);
    }

    .nav-links { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
    .nav-end { margin-left: auto; }

    .nav-links a, .menu-dropdown > summary {
      display: block;
      padding: 0.4rem 0.7rem;
      border-radius: var(--radius-small);
      color: var(--header-muted);
      text-decoration: none;
      cursor: pointer;
    }
    .nav-links a:hover, .menu-dropdown > summary:hover, .nav-links a[aria-current="page"] {
      color: var(--header-text);
      background: rgb(255 255 255 / 10%);
    }

    /* Admin menu: a category is a <details> whose list drops down, no script needed. */

    .menu-dropdown { position: relative; }
    .menu-dropdown > summary { list-style: none; }
    .menu-dropdown > summary::-webkit-details-marker { display: none; }
    .menu-dropdown > summary::after { content: "▾"; margin-left: 0.35rem; font-size: 0.8em; }
    .menu-dropdown[open] > summary { color: var(--header-text); background: rgb(255 255 255 / 10%); }
    .account-menu .dropdown { left: auto; right: 0; }
    /* The dark bar's own focus ring: the page's blue one does not show on it. */
    .site-header a:focus-visible, .site-header summary:focus-visible, .site-header button:focus-visible {
      outline: 2px solid var(--header-text);
      outline-offset: 2px;
      box-shadow: none;
    }
    .select-filter { margin-bottom: 0.35rem; }
    .theme-toggle { background: transparent; color: var(--header-muted); border: 0; padding: 0.35rem 0.55rem; font-size: 1.1rem; line-height: 1; }
    .theme-toggle:hover { color: var(--header-text); background: rgb(255 255 255 / 10%); }
    .account-menu .inline-form { display: block; margin: 0; }
    .account-menu .inline-form button { width: 100%; text-align: left; }
    .form-aside { margin-top: 1rem; color: var(--muted); }
    .list-summary { margin: 0.75rem 0 0; color: var(--muted); font-size: 0.9rem; }
    .page-size { display: flex; gap: 0.4rem; align-items: center; font-size: 0.9rem; color: var(--muted); }
    .page-size select { width: auto; }
    .dependents .blocks { color: var(--danger); }
    .inline-rows { min-width: 0; border: 1px solid var(--border); border-radius: var(--radius); padding: 0.75rem 1rem 1rem; margin: 1.5rem 0 0; }
    .inline-rows .table-wrap { overflow-x: auto; }
    .inline-rows legend { font-weight: 650; padding: 0 0.35rem; }
    .inline-rows td { vertical-align: top; }
    .inline-rows input:not([type="checkbox"]) { min-width: 8rem; }

    .dropdown {
      position: absolute;
      top: calc(100% + 0.35rem);
      left: 0;
      z-index: 20;
      min-width: 12rem;
      margin: 0;
      padding: 0.35rem;
      list-style: none;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow);
    }
    .dropdown a { color: var(--text); }
    .dropdown a:hover, .dropdown a[aria-current="page"] { color: var(--text); background: var(--surface-muted); }

    /* Page header and buttons */

    .hero { padding: 2.5rem 0 1rem; }
    .hero h1 { margin-top: 0.25rem; }

    .eyebrow {
      margin: 0;
      color: var(--accent);
      font-size: 0.8rem;
      font-weight: 650;
      letter-spacing: 0.08em;
      text-transform: uppercase;
    }

    .lead { font-size: 1.15rem; color: var(--muted); max-width: 44rem; }

    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1.5rem; }

    .button, button, input[type="submit"], input[type="button"], input[type="reset"] {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.4rem;
      padding: 0.55rem 1.1rem;
      border: 1px solid var(--accent);
      border-radius: var(--radius-small);
      background: var(--accent);
      color: var(--accent-text);
      font: inherit;
      font-weight: 600;
      line-height: 1.3;
      text-decoration: none;
      cursor: pointer;
    }
    .button:hover, button:hover, input[type="submit"]:hover {
      background: var(--accent-hover);
      border-color: var(--accent-hover);
      color: var(--accent-text);
    }
    .button-secondary, button.button-secondary {
      background: var(--surface);
      color: var(--text);
      border-color: var(--border);
    }
    .button-secondary:hover, button.button-secondary:hover { background: var(--surface-muted); color: var(--text); border-color: var(--border); }
    .button-danger, button.button-danger { background: #b91c1c; border-color: #b91c1c; color: #fff; }
    .button-danger:hover, button.button-danger:hover { background: #991b1b; border-color: #991b1b; color: #fff; }

    /* Cards: the landing page's app list, the admin home */

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: 1rem;
      list-style: none;
      margin: 0 0 2rem;
      padding: 0;
    }

    .card {
      position: relative;
      padding: 1.1rem 1.25rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow);
      transition: border-color 0.15s, transform 0.15s;
    }
    .card:hover { border-color: var(--accent); }
    .card:has(.card-title > a):hover { transform: translateY(-2px); }
    .card-title { margin: 0 0 0.35rem; font-size: 1.1rem; }
    .card-title > a { color: var(--text); text-decoration: none; }
    /* The whole card is the link's click target. */
    .card-title > a::after { content: ""; position: absolute; inset: 0; border-radius: var(--radius); }
    .card-text { margin: 0; color: var(--muted); font-size: 0.95rem; }
    .card-links { margin: 0; padding-left: 1.1rem; }

    .empty-state {
      padding: 1.5rem;
      background: var(--surface);
      border: 1px dashed var(--border);
      border-radius: var(--radius);
      color: var(--muted);
    }
    .empty-state pre { margin-bottom: 0; color: var(--text); }

    .details { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: 0.5rem 1.5rem; }
    .details dt { font-weight: 600; }
    .details dd { margin: 0; color: var(--muted); }

    /* Flashed messages */

    .flashes { list-style: none; padding: 0; margin: 1.5rem 0 0; display: grid; gap: 0.5rem; }
    .flash {
      padding: 0.75rem 1rem;
      border: 1px solid var(--info-border);
      border-radius: var(--radius-small);
      background: var(--info-bg);
      color: var(--info-text);
    }
    .flash-success { background: var(--success-bg); color: var(--success-text); border-color: var(--success-border); }
    .flash-warning { background: var(--warning-bg); color: var(--warning-text); border-color: var(--warning-border); }
    .flash-error, .flash-danger { background: var(--danger-bg); color: var(--danger-text); border-color: var(--danger-border); }

    /* Tables */

    .table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); margin-bottom: 1.5rem; }
    .table-wrap > .table { margin: 0; border: 0; }
    .table { width: 100%; border-collapse: collapse; background: var(--surface); font-size: 0.95rem; }
    .table th, .table td { padding: 0.6rem 0.85rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--border); }
    .table thead th {
      background: var(--surface-muted);
      color: var(--muted);
      font-size: 0.8rem;
      font-weight: 650;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      white-space: nowrap;
    }
    .table tbody tr:last-child td { border-bottom: 0; }
    .table tbody tr:hover { background: var(--surface-muted); }
    .table .actions-cell { white-space: nowrap; width: 1%; }

    .pagination { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; }
    .pagination a, .pagination span {
      display: block;
      padding: 0.3rem 0.7rem;
      border: 1px solid var(--border);
      border-radius: var(--radius-small);
      background: var(--surface);
      text-decoration: none;
    }
    .pagination [aria-current="page"] { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }

    /* Forms */

    .form {
      max-width: 36rem;
      padding: 1.5rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow);
    }
    .field { margin-bottom: 1.1rem; }
    label { display: block; margin-bottom: 0.3rem; font-weight: 600; }
    .field-check label { display: inline; font-weight: 500; margin-left: 0.4rem; }
    .auth-page { max-width: 28rem; margin: 1.5rem auto; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .page-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.75rem; margin-bottom: 1rem; }
    .page-header h1 { margin: 0; }
    .page-header .actions { margin: 0; }
    .count { color: var(--muted); font-size: 0.6em; font-weight: 500; vertical-align: middle; }
    .list-tools { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 0.75rem; margin-bottom: 1rem; }
    .list-tools input[type="search"] { flex: 1 1 16rem; width: auto; }
    .list-tools .filter { display: flex; gap: 0.35rem; align-items: center; margin: 0; padding: 0.25rem 0.5rem; border: 1px solid var(--border); border-radius: 0.5rem; }
    .list-tools .filter legend { font-size: 0.8rem; color: var(--muted); padding: 0 0.25rem; }
    .list-tools .filter select, .list-tools .filter input { width: auto; min-width: 7rem; padding: 0.3rem 0.5rem; }
    .table .select-cell { width: 2rem; }
    .table .actions-cell a { margin-right: 0.5rem; white-space: nowrap; }
    .field-message { color: var(--danger); font-size: 0.9rem; margin: 0.25rem 0 0; }
    .inline-form { display: inline; margin: 0; padding: 0; border: 0; background: none; }
    .inline-form button { padding: 0.3rem 0.8rem; }
    .profile-image { border-radius: 50%; object-fit: cover; border: 1px solid var(--border); }

    input:not([type="checkbox"], [type="radio"], [type="submit"], [type="button"], [type="reset"], [type="file"]),
    select,
    textarea {
      display: block;
      width: 100%;
      padding: 0.55rem 0.7rem;
      border: 1px solid var(--border);
      border-radius: var(--radius-small);
      background: var(--surface);
      color: var(--text);
      font: inherit;
    }
    textarea { min-height: 8rem; resize: vertical; }
    input:focus-visible, select:focus-visible, textarea:focus-visible { border-color: var(--accent); }
    input[type="checkbox"], input[type="radio"] { accent-color: var(--accent); width: 1.05rem; height: 1.05rem; }

    .help { margin: 0.3rem 0 0; color: var(--muted); font-size: 0.875rem; }
    .errors { list-style: none; margin: 0.35rem 0 0; padding: 0; color: var(--danger); font-size: 0.9rem; }
    .field-error input, .field-error select, .field-error textarea { border-color: var(--danger); }

    /* Error pages */

    .error-page { max-width: 44rem; padding: 3.5rem 0 2rem; }
    .error-code { margin: 0; color: var(--accent); font-size: 0.95rem; font-weight: 700; letter-spacing: 0.06em; }
    .error-name { color: var(--muted); font-weight: 500; letter-spacing: normal; }
    .error-page h1 { margin-top: 0.35rem; }
    .error-source { overflow-x: auto; padding: 0.5rem 0; }
    .error-source span { display: block; padding: 0 0.75rem; }
    .error-source .error-line { background: rgb(220 38 38 / 15%); font-weight: 700; }

    .error-debug {
      margin-top: 2rem;
      padding: 1rem 1.25rem;
      background: var(--danger-bg);
      border: 1px solid var(--danger-border);
      border-radius: var(--radius);
      color: var(--danger-text);
    }
    .error-debug h2 { margin: 0 0 0.5rem; font-size: 1rem; }
    .error-debug pre { margin: 0.5rem 0 0; white-space: pre-wrap; word-break: break-word; background: var(--surface); color: var(--text); }
    .error-debug p { margin: 0; }

    /* Footer */

    .site-footer { margin-top: 3rem; padding: 1.25rem 0; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.875rem; }

    /* Small screens, motion, print */

    @media (max-width: 40rem) {
      .nav { padding-top: 0.5rem; padding-bottom: 0.5rem; }
      .nav-end { margin-left: 0; }
      .hero { padding-top: 1.75rem; }
      .details { grid-template-columns: 1fr; }
      .details dd { margin-bottom: 0.5rem; }
      .dropdown { position: static; margin-top: 0.35rem; box-shadow: none; }
      .form { padding: 1rem; }
    }

    @media (prefers-reduced-motion: reduce) {
      * { transition: none !important; }
    }

    @media print {
      .site-header, .site-footer, .skip-link, .actions { display: none; }
      body { background: #fff; color: #000; }
    }

    """#
}
