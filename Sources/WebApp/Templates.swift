import Mustache

/// The pages' Mustache templates, compiled into the binary (nothing is read from disk or
/// loaded from the internet). `{{x}}` is HTML-escaped; `{{{content}}}` places a page already
/// rendered from these templates into the layout.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            // The templates are ours and compile (every test renders them); a broken one is a bug.
            try! library.register(text, named: name)
        }
        return library
    }()

    static func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? "«template \(name)»"
    }

    static let style = """
    *{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1f24;background:#f4f6f8}
    header{background:#9b1c1c;color:#fff;padding:.6rem 1rem}header a{color:#fff}
    .unit{font-weight:600;font-size:1.1rem}.level{font-weight:400;opacity:.85;font-size:.9rem}
    nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;margin-top:.35rem}nav a{text-decoration:none;border-bottom:2px solid transparent}nav a.here{border-color:#fff}
    .bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}.lang a{margin-left:.4rem}.lang b{margin-left:.4rem}
    main{max-width:72rem;margin:0 auto;padding:1rem}h1{font-size:1.35rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
    section{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:.8rem 1rem;margin-bottom:1rem}
    .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e7eb;vertical-align:top}
    th{background:#eef1f4;font-weight:600}td.num{text-align:right;white-space:nowrap}
    .ok{color:#146c2e}.warn{color:#8a5300}.bad{color:#b42318}.muted{color:#5b6570}.small{font-size:.85rem}
    .flash{border-radius:6px;padding:.6rem 1rem;margin-bottom:1rem;white-space:pre-line}.flash.done{background:#e6f4ea;border:1px solid #9fd5ac}.flash.refused{background:#fdecea;border:1px solid #f1a9a0}
    label{display:block;font-weight:600;margin:.5rem 0 .2rem}input[type=text],input[type=password],input[type=number],select,textarea{font:inherit;padding:.45rem .5rem;border:1px solid #aab4be;border-radius:4px;width:100%;max-width:28rem;background:#fff}
    input.part{max-width:9rem}button{font:inherit;padding:.5rem 1rem;border-radius:4px;border:1px solid #7a1515;background:#9b1c1c;color:#fff;cursor:pointer;margin:.4rem .4rem .2rem 0}
    button.second{background:#fff;color:#7a1515}form.inline{display:inline}.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
    .figure{border-top:1px solid #e3e7eb;padding:.5rem 0}.figure .name{font-weight:600}.hint{font-size:.85rem;color:#5b6570}
    @media (max-width:40rem){main{padding:.6rem}section{padding:.6rem}th,td{padding:.3rem}body{font-size:15px}}
    """

    static let sources: [String: String] = [
        "layout": """
        <!doctype html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        {{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
        <title>{{title}} · {{unitName}}</title><style>{{{style}}}</style></head>
        <body><header><div class="bar"><div class="unit">{{unitName}} <span class="level">{{level}}</span></div>
        <div class="lang">{{#languages}}{{#current}}<b>{{label}}</b>{{/current}}{{^current}}<a href="{{href}}">{{label}}</a>{{/current}}{{/languages}}
        {{#user}} · {{user}} ({{role}}) <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button class="second" type="submit">{{logout}}</button></form>{{/user}}</div></div>
        <nav>{{#nav}}<a href="{{href}}"{{#here}} class="here"{{/here}}>{{label}}</a>{{/nav}}</nav></header>
        <main>{{#flash}}<div class="flash {{kind}}" role="status">{{#lines}}{{.}}
        {{/lines}}</div>{{/flash}}
        <h1>{{title}}</h1>
        {{{content}}}</main></body></html>
        """,
        "table": """
        {{#heading}}<h2>{{heading}}</h2>{{/heading}}{{#note}}<p class="muted small">{{note}}</p>{{/note}}
        {{#empty}}<p class="muted">{{empty}}</p>{{/empty}}{{^empty}}<div class="scroll"><table{{#id}} id="{{id}}"{{/id}}><thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead><tbody>
        {{#rows}}<tr{{#id}} id="{{id}}"{{/id}}>{{#cells}}<td{{#class}} class="{{class}}"{{/class}}>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}{{#small}}<div class="small muted">{{small}}</div>{{/small}}{{{html}}}</td>{{/cells}}</tr>
        {{/rows}}</tbody></table></div>{{/empty}}
        """,
        "report-form": """
        <form method="post" action="/report" id="report-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="period">{{periodLabel}}</label>
        <input type="text" id="period" name="period" value="{{period}}" required>
        <div class="hint">{{periodHint}}</div>
        {{#figures}}<div class="figure"><div class="name">{{code}} · {{name}}</div><div class="hint">{{target}}{{#previous}} · {{previous}}{{/previous}}</div>
        {{#ratio}}<div class="row"><div><label for="n-{{code}}">{{numeratorLabel}}</label><input class="part" type="text" inputmode="numeric" id="n-{{code}}" name="n.{{code}}" value="{{numerator}}"></div>
        <div><label for="d-{{code}}">{{denominatorLabel}}</label><input class="part" type="text" inputmode="numeric" id="d-{{code}}" name="d.{{code}}" value="{{denominator}}"></div></div>{{/ratio}}
        {{^ratio}}<label for="v-{{code}}">{{valueLabel}}</label><input class="part" type="text" inputmode="decimal" id="v-{{code}}" name="v.{{code}}" value="{{value}}">{{/ratio}}
        </div>{{/figures}}
        {{#hasTasks}}<h2>{{tasksHeading}}</h2>{{/hasTasks}}
        {{#tasks}}<div class="figure"><label for="t-{{id}}">{{id}} · {{content}}</label><div class="hint">{{deadline}}</div>
        <select id="t-{{id}}" name="t.{{id}}"><option value="">{{unchanged}}</option>{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></div>{{/tasks}}
        <button type="submit" id="report-submit">{{submit}}</button>
        </form>
        """,
        "upload-form": """
        <form method="post" action="/import" enctype="multipart/form-data" id="upload-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="file">{{fileLabel}}</label><input type="file" id="file" name="file" accept=".xlsx" required>
        <div class="hint">{{fileHint}}</div>
        <button type="submit">{{submit}}</button></form>
        """,
        "button-form": """
        <form class="inline" method="post" action="{{action}}">
        <input type="hidden" name="csrf" value="{{csrf}}">{{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">{{/fields}}
        {{#reason}}<input type="text" name="reason" placeholder="{{reason}}" aria-label="{{reason}}" required>{{/reason}}
        <button type="submit"{{#second}} class="second"{{/second}}{{#id}} id="{{id}}"{{/id}}>{{label}}</button></form>
        """,
        "query-form": """
        <form method="get" action="{{action}}" class="row">{{#fields}}<div><label for="q-{{name}}">{{label}}</label>
        {{#options}}<select id="q-{{name}}" name="{{name}}">{{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}</select>{{/options}}
        {{^options}}<input type="text" id="q-{{name}}" name="{{name}}" value="{{value}}">{{/options}}</div>{{/fields}}
        <div><button type="submit">{{submit}}</button></div></form>
        """,
        "login": """
        <section><form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
        <label for="user">{{userLabel}}</label><input type="text" id="user" name="user" autocomplete="username" required>
        <label for="password">{{passwordLabel}}</label><input type="password" id="password" name="password" autocomplete="current-password" required>
        <button type="submit">{{submit}}</button></form></section>
        """,
        "paragraphs": """
        <section>{{#lines}}<p{{#class}} class="{{class}}"{{/class}}>{{text}}</p>{{/lines}}{{{after}}}</section>
        """,
    ]
}
