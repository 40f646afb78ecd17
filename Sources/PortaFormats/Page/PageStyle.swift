/// The page's one style sheet: readable from a phone's 360 px to 1440 px (long text wraps, a
/// wide table scrolls inside its own box), with enough contrast, and a print style that shows
/// every table whole.
enum PageStyle {
    static let css = "body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:1.5em auto;max-width:72em;"
        + "padding:0 1em;line-height:1.45;overflow-wrap:anywhere}"
        + "h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #767676}h3{margin-top:1.4em}"
        + ".scroll{overflow-x:auto;margin:.5em 0 1.5em;max-width:100%}"
        + "table{border-collapse:collapse;font-size:.9em}"
        // A cell breaks at spaces only, never inside a word: a table wider than a phone scrolls
        // in its box (Blink sizes break-word cells as if every word could break).
        + "th,td{border:1px solid #767676;padding:.3em .5em;text-align:left;vertical-align:top;white-space:pre-wrap;"
        + "overflow-wrap:normal;max-width:30em}th{background:#ececec}td.n{text-align:right}dt{font-weight:bold}"
        + "img{max-width:100%;height:auto;max-height:16em;margin-top:.3em}a{color:#0645ad}"
        + "@media (max-width:600px){body{padding:0 .5em;margin:1em auto}th,td{max-width:16em}}"
        + "@media print{body{max-width:none;margin:0}.scroll{overflow:visible}a{color:inherit;text-decoration:none}"
        + "h2,h3{break-after:avoid}tr{break-inside:avoid}}"
}
