/// The addresses of the files in `Public/`, which the file middleware serves as they are.
enum StaticAssets {
    static let appCSS = "/css/app.css"
    static let printRollCSS = "/css/print-roll.css"
    static let appJS = "/js/app.js"
}
