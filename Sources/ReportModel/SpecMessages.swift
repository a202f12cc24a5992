import FileIO
import ScoreModel

/// A problem of a spec as its reader or validator reports it: the diagnostic code, what is wrong,
/// and what would fix it. Every message of `SpecReader` and `SpecValidator` is one of the
/// constructors below, in English (the one language of messages); values arrive already shown
/// (`SpecReader.shown`), keys and names as they appear in the spec.
struct SpecMessage: Sendable, Hashable {
    let code: String
    let message: String
    let fix: String

    init(_ code: String, _ message: String, _ fix: String) { self.code = code; self.message = message; self.fix = fix }

    static func list(_ names: [String]) -> String { names.joined(separator: ", ") }
    static func quoted(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }
    static func didYouMean(_ suggestion: String?) -> String? { suggestion.map { "Did you mean \"\($0)\"?" } }
}

// MARK: Any value (the typed readers)

extension SpecMessage {
    static func notAnObject(what: String, found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\(what.prefix(1).uppercased() + what.dropFirst()) must be an object, not \(found).", "Write it as { … }.")
    }

    /// `fix`: the caller's own fix (a key that belongs elsewhere), else "did you mean" or the allowed keys.
    static func unknownKey(key: String, what: String, suggestion: String?, allowed: [String], fix: String? = nil) -> SpecMessage {
        SpecMessage("unknown-key", "Unknown key \"\(key)\" in \(what).",
                    fix ?? suggestion.map { "Did you mean \"\($0)\"? Allowed keys: \(list(allowed))." } ?? "Remove it; allowed keys: \(list(allowed)).")
    }

    static func duplicateKey(key: String, what: String) -> SpecMessage {
        SpecMessage("duplicate-key", "Key \"\(key)\" appears twice in \(what).", "Keep one of them.")
    }

    /// `hint`: what the key takes (one of the `…Hint` texts).
    static func missingKey(key: String, hint: String) -> SpecMessage {
        SpecMessage("missing-key", "Missing \"\(key)\".", "Add \"\(key)\" (\(hint)).")
    }

    static func notAString(key: String, found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"\(key)\" must be a string, not \(found).", "Write it in double quotes.")
    }

    /// `multiline`: the field takes tab and line breaks (a paragraph), so the character is another one.
    static func controlCharacter(key: String, codePoint: String, multiline: Bool) -> SpecMessage {
        SpecMessage("control-character", "\"\(key)\" holds the control character \(codePoint), which no page can show.",
                    multiline ? "Remove it (only tab and line breaks are allowed in a paragraph)." : "Remove it (it often comes from copying out of another program).")
    }

    static func emptyString(key: String) -> SpecMessage {
        SpecMessage("empty-string", "\"\(key)\" is empty.", "Write some text, or leave the key out.")
    }

    static func notABool(key: String, found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"\(key)\" must be true or false, not \(found).", "Write true or false without quotes.")
    }

    static func notANumber(key: String, found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"\(key)\" must be a number, not \(found).", "Write a plain number with '.' as decimal mark, without quotes.")
    }

    /// `range`: "between 1 and 3" or "greater than 0 and at most 100"; `unit` with its leading space.
    static func numberOutOfRange(number: String, key: String, range: String, unit: String) -> SpecMessage {
        SpecMessage("out-of-range", "\(number) is out of range: \"\(key)\" must be \(range)\(unit).", "Use a value \(range).")
    }

    static func notAWholeNumber(key: String, found: String, isYear: Bool) -> SpecMessage {
        SpecMessage("wrong-type", "\"\(key)\" must be a whole number, not \(found).", "Write a whole number without quotes\(isYear ? ", e.g. 2020" : "").")
    }

    static func wholeNumberOutOfRange(value: Int, key: String, min: Int, max: Int) -> SpecMessage {
        SpecMessage("out-of-range", "\(value) is out of range: \"\(key)\" must be between \(min) and \(max).", "Use a value between \(min) and \(max).")
    }

    static func yearOutOfRange(value: Int, min: Int, max: Int) -> SpecMessage {
        SpecMessage("out-of-range", "\(value) is out of range: a year must be between \(min) and \(max).", "Write a four-digit year between \(min) and \(max).")
    }

    static func notAChoice(key: String, allowed: [String], found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"\(key)\" must be one of \(quoted(allowed)), not \(found).", "Write one of these in double quotes.")
    }

    static func badChoice(value: String, key: String, allowed: [String], suggestion: String?) -> SpecMessage {
        SpecMessage("bad-value", "\"\(value)\" is not a valid \"\(key)\"; expected one of \(quoted(allowed)).",
                    didYouMean(suggestion) ?? "Use one of \(quoted(allowed)).")
    }

    static func notAnArray(key: String, found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"\(key)\" must be an array, not \(found).", "Write it as [ … ].")
    }

    static func tooFewItems(key: String, min: Int, count: Int) -> SpecMessage {
        SpecMessage("too-few-items", "\"\(key)\" needs at least \(min) item\(min == 1 ? "" : "s"), it has \(count).", "Add items, or leave the key out for the default.")
    }

    static func tooManyItems(key: String, max: Int, count: Int) -> SpecMessage {
        SpecMessage("too-many-items", "\"\(key)\" takes at most \(max) items, it has \(count).", "Remove the extra items.")
    }

    static func duplicateItem(item: String, key: String, first: String) -> SpecMessage {
        SpecMessage("duplicate-item", "\(item) appears twice in \"\(key)\" (first at \(first)).", "Remove the repeated item.")
    }

    static func badID(id: String, example: String) -> SpecMessage {
        SpecMessage("bad-id", "\"\(id)\" is not a valid id: ids start with a letter or digit and use only ASCII letters, digits, '-' and '_'.",
                    "Use an id such as \"\(example)\".")
    }

    static func unknownTextPlaceholder(name: String, onlyForPaths: Bool, suggestion: String?, names: [String]) -> SpecMessage {
        SpecMessage("unknown-placeholder", "Unknown placeholder {\(name)} in the text\(onlyForPaths ? " ({\(name)} is only for output paths)" : "").",
                    (suggestion.map { "Did you mean {\($0)}? " } ?? "") + "Text placeholders: \(names.map { "{\($0)}" }.joined(separator: ", ")); write {{ for a literal brace.")
    }
}

// MARK: The top level and the document

extension SpecMessage {
    static let dataHint = "the score file, e.g. \"../assets/data/par-2015-2020.json\""
    static let agencyHint = "an agency id, \"*\" or a list of ids"
    static let yearHint = "the report year, e.g. 2020"

    static let starInAgencyList = SpecMessage("bad-value", "\"*\" cannot be part of a list of agencies.", "Write \"agency\": \"*\" alone, or list the ids.")

    static func agencyWrongType(found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"agency\" must be an agency id, \"*\" or a list of ids, not \(found).", "Write e.g. \"agency\": \"skhcn\".")
    }

    static func compareWithItself(year: Int) -> SpecMessage {
        SpecMessage("bad-value", "\"compareWith\" is the report year \(year) itself.", "Compare with another year (e.g. \(year - 1)), or leave it out.")
    }

    static func keywordsWrongType(found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"keywords\" must be a string or a list of strings, not \(found).", "Write e.g. [\"cải cách hành chính\", \"PAR Index\"].")
    }

    static func badDate(_ text: String) -> SpecMessage {
        SpecMessage("bad-date", "\"\(text)\" is not a date written YYYY-MM-DD (or the day does not exist).", "Write e.g. \"2021-03-31\".")
    }

    static func unknownPageSize(_ name: String, names: [String], suggestion: String?) -> SpecMessage {
        SpecMessage("bad-value", "\"\(name)\" is not a known page size; expected one of \(quoted(names)) or [width, height] in mm.",
                    didYouMean(suggestion) ?? "Use \"A4\", \"A3\", \"A5\", \"Letter\" or e.g. [338.67, 190.5].")
    }

    static func pageSizeWrongType(found: String) -> SpecMessage {
        SpecMessage("wrong-type", "\"size\" must be \"A4\", \"A3\", \"A5\", \"Letter\" or [width, height] in mm, not \(found).", "Write e.g. \"A4\" or [210, 297].")
    }
}

// MARK: Pages and blocks

extension SpecMessage {
    static let blocksHint = "a list of blocks, e.g. [{ \"type\": \"trend\" }]"
    static let headingTextHint = "the heading's text"
    static let paragraphHint = "the paragraph"

    static func blockNotAnObject(found: String) -> SpecMessage {
        SpecMessage("wrong-type", "A block must be an object, not \(found).", "Write e.g. { \"type\": \"trend\" }.")
    }

    static func blockWithoutType(types: [String]) -> SpecMessage {
        SpecMessage("missing-key", "The block has no \"type\".", "Add \"type\": one of \(quoted(types)).")
    }

    static func blockTypeNotAString(found: String, types: [String]) -> SpecMessage {
        SpecMessage("wrong-type", "\"type\" must be a string, not \(found).", "Write one of \(quoted(types)).")
    }

    static func unknownBlockType(_ name: String, types: [String], suggestion: String?) -> SpecMessage {
        SpecMessage("unknown-block-type", "Unknown block type \"\(name)\".",
                    suggestion.map { "Did you mean \"\($0)\"? Block types: \(list(types))." } ?? "Use one of: \(list(types)).")
    }

    static func yearsBackwards(_ from: Int, _ to: Int) -> SpecMessage {
        SpecMessage("bad-range", "The years run backwards: [\(from), \(to)].", "Write [from, to] with from ≤ to: [\(to), \(from)].")
    }

    static func badSeries(_ text: String, suggestion: String?) -> SpecMessage {
        SpecMessage("bad-value", "\"\(text)\" is not a series; expected \"agency\", \"groupAverage\", \"groupBest\" or \"agency:ID\".",
                    didYouMean(suggestion) ?? "Use one of these (\"agency:snv\" for another agency).")
    }

    /// `min`, `max` as written in messages (`SpecReader.num`).
    static func emptyValueRange(_ min: String, _ max: String) -> SpecMessage {
        SpecMessage("bad-range", "The value range [\(min), \(max)] is empty or backwards.", "Write [min, max] with min < max, e.g. [60, 100].")
    }

    static func badYRange(found: String, isString: Bool) -> SpecMessage {
        SpecMessage(isString ? "bad-value" : "wrong-type", "\"yRange\" must be \"auto\", \"zero\" or [min, max], not \(found).", "Write e.g. \"auto\" or [60, 100].")
    }

    /// `suggestion`: the whole column suggested (with the year as written).
    static func badColumn(_ text: String, names: [String], suggestion: String?) -> SpecMessage {
        SpecMessage("bad-value", "\"\(text)\" is not a column; expected \(quoted(names)) or \"points:YYYY\", \"percent:YYYY\", \"rank:YYYY\" (years 1990–2100).",
                    didYouMean(suggestion) ?? "Use one of these.")
    }

    static func duplicatePageID(_ id: String, first: String) -> SpecMessage {
        SpecMessage("duplicate-id", "The page id \"\(id)\" is used twice (first at \(first)).", "Give each page its own id.")
    }

    static func duplicateBlockID(_ id: String, first: String) -> SpecMessage {
        SpecMessage("duplicate-id", "The block id \"\(id)\" is used twice (first at \(first)).",
                    "Give each block its own id; ids name output files ({block}) and outputs[].blocks.")
    }

    static func idIsAutomaticID(_ id: String, of kind: BlockKind, at path: String) -> SpecMessage {
        SpecMessage("duplicate-id", "The block id \"\(id)\" is also the automatic id of the \(kind.rawValue) block at \(path), which has no id.",
                    "Choose another id, or give the block at \(path) an id.")
    }
}

// MARK: Outputs

extension SpecMessage {
    static let formatHint = "\"pdf\", \"png\" or \"svg\""
    static let pathHint = "where to write, e.g. \"out/{agency}/bao-cao-{year}.pdf\""

    static let blocksAndPages = SpecMessage("conflict", "An output takes either \"blocks\" or \"pages\", not both.", "Split it into two outputs.")

    static func notAChart(_ id: String, kind: BlockKind, at path: String, chartIDs: [String]) -> SpecMessage {
        SpecMessage("not-a-chart", "\"\(id)\" is a \(kind.rawValue) block (\(path)); only charts (trend, criteriaBars, ranking) are written as separate files.",
                    "Name a chart block\(chartIDs.isEmpty ? "" : ": \(list(chartIDs))"), or use \"pages\" for whole pages.")
    }

    static func unknownBlock(_ id: String, suggestion: String?, chartIDs: [String]) -> SpecMessage {
        SpecMessage("unknown-block", "No block has the id \"\(id)\".",
                    (suggestion.map { "Did you mean \"\($0)\"? " } ?? "") + (chartIDs.isEmpty ? "The spec has no chart blocks." : "Chart blocks: \(list(chartIDs))."))
    }

    static func badBlocksSelection(found: String, isString: Bool) -> SpecMessage {
        SpecMessage(isString ? "bad-value" : "wrong-type", "\"blocks\" must be \"charts\" or a list of block ids, not \(found).", "Write \"charts\" or e.g. [\"xu-huong\"].")
    }

    static func badPagesSelection(found: String, isString: Bool) -> SpecMessage {
        SpecMessage(isString ? "bad-value" : "wrong-type", "\"pages\" must be \"all\" or a list of page numbers, not \(found).", "Write \"all\" or e.g. [1, 2].")
    }

    static func notForPDF(_ key: String) -> SpecMessage {
        SpecMessage("not-for-format", "\"\(key)\" does not apply to a PDF output (the PDF is the whole document, its page size is document.page).",
                    "Remove \"\(key)\", or use \"format\": \"png\" or \"svg\".")
    }

    static func unitForPNG(_ unit: String) -> SpecMessage {
        SpecMessage("not-for-format", "A PNG is measured in pixels; \"unit\": \"\(unit)\" applies to SVG only.", "Remove \"unit\" (or write \"px\").")
    }

    static let dpiForSVG = SpecMessage("not-for-format", "\"dpi\" applies to PNG only.", "Remove \"dpi\"; give the SVG's size in \"size\" and \"unit\".")

    /// `size`: the sides as written in messages (`SpecReader.num`).
    static func pngNotWholePixels(_ size: [String]) -> SpecMessage {
        SpecMessage("impossible-size", "A PNG is a whole number of pixels, at least 1 a side; [\(size.joined(separator: ", "))] is not.",
                    "Write whole pixels, e.g. [1920, 1080].")
    }

    static func pngTooLarge(_ width: String, _ height: String) -> SpecMessage {
        SpecMessage("impossible-size", "\(width)×\(height) px is too large to render (more than 268 million pixels).", "Use a smaller size, e.g. [3840, 2160].")
    }

    static func svgTooLarge(_ size: [String], unit: String) -> SpecMessage {
        SpecMessage("impossible-size", "[\(size.joined(separator: ", "))] \(unit) is larger than 14400 pt (200 inches) a side.", "Use a smaller size or another unit.")
    }

    static func unknownPathPlaceholder(name: String, onlyForText: Bool, suggestion: String?, names: [String]) -> SpecMessage {
        SpecMessage("unknown-placeholder", "Unknown placeholder {\(name)} in the path\(onlyForText ? " ({\(name)} is only for text)" : "").",
                    (suggestion.map { "Did you mean {\($0)}? " } ?? "") + "Path placeholders: \(names.map { "{\($0)}" }.joined(separator: ", ")).")
    }

    static func blockPlaceholderWithoutBlocks(isPDF: Bool) -> SpecMessage {
        SpecMessage("placeholder-not-available", "{block} is used in the path, but this output does not write blocks.",
                    isPDF ? "Remove {block}: a PDF holds the whole document." : "Add \"blocks\": \"charts\", or remove {block}.")
    }

    static func pagePlaceholderWithoutPages(isPDF: Bool) -> SpecMessage {
        SpecMessage("placeholder-not-available", "{page} is used in the path, but this output does not write pages.",
                    isPDF ? "Remove {page}: a PDF holds the whole document." : "Add \"pages\": \"all\", or remove {page}.")
    }

    static func blocksWithoutBlockPlaceholder(format: String) -> SpecMessage {
        SpecMessage("output-collision", "This output writes one file per block, but its path has no {block}: every block would overwrite the previous one.",
                    "Put {block} in the file name, e.g. \"out/{agency}/{block}.\(format)\".")
    }

    static func pagesWithoutPagePlaceholder(format: String) -> SpecMessage {
        SpecMessage("output-collision", "This output writes one file per page, but its path has no {page}: every page would overwrite the previous one.",
                    "Put {page} in the file name, e.g. \"out/{agency}/trang-{page}.\(format)\".")
    }

    /// A warning.
    static func wrongExtension(_ ext: String, format: String) -> SpecMessage {
        SpecMessage("extension", "The path ends in \"\(ext.isEmpty ? "(no extension)" : "." + ext)\" but the format is \(format).", "End the file name with .\(format).")
    }

    static func pathIsAFolder(_ template: String, format: String) -> SpecMessage {
        SpecMessage("bad-path", "The path names a folder, not a file.", "Add a file name, e.g. \"\(template){block}.\(format)\".")
    }
}

// MARK: Against the data (SpecValidator)

extension SpecMessage {
    /// `suggestion`: the closest id of the data; `agencies`: some of them (`Validation.some`).
    static func unknownAgency(_ id: String, suggestion: String?, agencies: String) -> SpecMessage {
        SpecMessage("unknown-agency", "The data has no agency \"\(id)\".", (suggestion.map { "Did you mean \"\($0)\"? " } ?? "") + "Agencies: \(agencies).")
    }

    static func unknownSeriesAgency(_ id: String, suggestion: String?) -> SpecMessage {
        SpecMessage("unknown-agency", "The data has no agency \"\(id)\".", (suggestion.map { "Did you mean \"\($0)\"? " } ?? "") + "Write \"agency:ID\" with an id of the data.")
    }

    static func unknownGroup(_ group: String, suggestion: String?, groups: [String]) -> SpecMessage {
        SpecMessage("unknown-group", "The data has no group \"\(group)\".",
                    (suggestion.map { "Did you mean \"\($0)\"? " } ?? "") + (groups.isEmpty ? "The agencies have no groups; remove \"group\"." : "Groups: \(groups.joined(separator: ", "))."))
    }

    /// A warning.
    static let groupIgnored = SpecMessage("group-ignored", "\"group\" only selects agencies with \"agency\": \"*\"; it is ignored here.",
                                          "Remove \"group\", or write \"agency\": \"*\".")

    /// `known`: the data has the agency (the spec does not report on it); `reports`: some of the spec's agencies.
    static func agencyNotSelected(_ id: String, known: Bool, suggestion: String?, reports: String) -> SpecMessage {
        SpecMessage("agency-not-selected",
                    known ? "--agency \(id): the spec does not make a report for \"\(id)\"." : "--agency \(id): the data has no agency \"\(id)\".",
                    (suggestion.map { "Did you mean \"\($0)\"? " } ?? "") + "Reports in this spec: \(reports).")
    }

    static let noAgencies = SpecMessage("no-agencies", "The spec selects no agency.", "Check \"agency\" and \"group\".")

    /// `years`: the data's years, listed.
    static func unknownReportYear(_ year: Int, years: String) -> SpecMessage {
        SpecMessage("unknown-year", "The data has no scores for \(year).", "Use a year of the data: \(years).")
    }

    static func unknownCompareWith(_ year: Int, years: String) -> SpecMessage {
        SpecMessage("unknown-year", "The data has no scores for \(year).", "Use a year of the data: \(years), or leave \"compareWith\" out.")
    }

    /// `what`: where the year is used ("ranking", "column \"points:2019\"").
    static func unknownBlockYear(_ year: Int, what: String, years: String) -> SpecMessage {
        SpecMessage("unknown-year", "The data has no scores for \(year) (\(what)).", "Use a year of the data: \(years).")
    }

    /// `range`: "2010–2012" or "2010".
    static func unknownTrendYears(_ range: String, years: String) -> SpecMessage {
        SpecMessage("unknown-year", "The data has no scores in \(range).", "Use years of the data: \(years).")
    }

    /// A warning.
    static func trendYearsClipped(years: String, from: Int, to: Int) -> SpecMessage {
        SpecMessage("years-clipped", "The data has scores for \(years) only; the trend shows those within \(from)–\(to).", "Write the range of the data to silence this.")
    }

    /// In a batch a warning (the batch skips the agency), else an error.
    static func agencyNotScored(_ agency: Agency, year: Int, batch: Bool) -> SpecMessage {
        SpecMessage("agency-not-scored", "\(agency.id) (\(agency.name)) has no scores in \(year).",
                    batch ? "The batch skips it." : "Choose an agency scored in \(year), or another year.")
    }

    static func agencyIncomplete(_ agency: Agency, year: Int, missing: [String], batch: Bool) -> SpecMessage {
        SpecMessage("agency-incomplete", "\(agency.id) (\(agency.name)) is incomplete in \(year): no points for \(missing.joined(separator: ", ")); it has no index or rank.",
                    batch ? "The batch skips it; add the missing scores to include it." : "Add the missing scores to the data, or choose another year.")
    }

    /// A warning.
    static func agencyNotScoredInComparison(_ id: String, year: Int, reportYear: Int) -> SpecMessage {
        SpecMessage("agency-not-scored", "\(id) has no scores in \(year), the year compared with; the report shows \(reportYear) without a comparison.",
                    "Compare with a year the agency was scored in.")
    }

    /// A warning.
    static func agencyIncompleteInComparison(_ id: String, year: Int, missing: [String]) -> SpecMessage {
        SpecMessage("agency-incomplete", "\(id) is incomplete in \(year) (no points for \(missing.joined(separator: ", "))); the comparison covers the other criteria only.",
                    "Add the missing scores if they exist.")
    }

    /// A warning. `agencies`: some of them (`Validation.some`).
    static func agenciesNotScoredInBarYear(_ agencies: String, count: Int, year: Int) -> SpecMessage {
        SpecMessage("agency-not-scored", "\(agencies) \(count == 1 ? "has" : "have") no scores in \(year); those bars stay empty.", "Choose years the agency was scored in.")
    }

    /// A warning.
    static func barsWithoutComparison(year: Int) -> SpecMessage {
        SpecMessage("no-comparison", "There is no year to compare with (\(year - 1) is not in the data), so the bars show \(year) alone.",
                    "Set \"compareWith\" or the block's \"years\".")
    }

    /// A warning.
    static func changeColumnWithoutComparison(year: Int) -> SpecMessage {
        SpecMessage("no-comparison", "The \"change\" column needs a year to compare with, and there is none (\(year - 1) is not in the data).",
                    "Set \"compareWith\", or remove \"change\".")
    }

    /// A warning.
    static func agencySlugDisambiguated(_ id: String, slug: String) -> SpecMessage {
        SpecMessage("slug-disambiguated", "The file-name slug of agency \"\(id)\" is also that of another agency; its files use \"\(slug)\".",
                    "Nothing to do, or give the agencies ids that differ in letters or digits.")
    }

    /// A warning.
    static func agencyNameSlugDisambiguated(_ id: String, slug: String) -> SpecMessage {
        SpecMessage("slug-disambiguated", "The name of agency \"\(id)\" gives the same file-name slug as another agency's; {agency.name} becomes \"\(slug)\".",
                    "Nothing to do, or use {agency} in the path.")
    }

    /// `what`: "the data file" or "the spec itself".
    static func outputOverwritesInput(output: Int, path: String, what: String) -> SpecMessage {
        SpecMessage("output-overwrites-input", "outputs[\(output)] would write \(path), which is \(what).", "Write the output elsewhere.")
    }

    /// `first`, `second`: the outputs described (`Validation.describe`); `fix` from `collisionFix`.
    static func outputsCollide(_ first: String, _ second: String, path: String, fix: String) -> SpecMessage {
        SpecMessage("output-collision", "\(first) and \(second) both resolve to \(path); one would overwrite the other.", fix)
    }

    static func pagesMayOverwrite(_ pages: String, path: String, other: String, fix: String) -> SpecMessage {
        SpecMessage("output-collision", "\(pages) may write \(path), as does \(other).", fix)
    }

    static func collisionFix(otherAgency: Bool, otherOutput: Bool, otherBlock: Bool) -> String {
        if otherAgency { return "Put {agency} in the path so each agency gets its own file." }
        if otherOutput { return "Give the outputs different paths." }
        if otherBlock { return "Put {block} in the path, or give the blocks ids that differ in more than letter case." }
        return "Give the outputs different paths."
    }

    static func outputIsAFolder(_ path: String) -> SpecMessage {
        SpecMessage("output-is-folder", "\(path) is a folder; the output cannot replace it.", "Choose another file name.")
    }

    /// An output path that is absolute or climbs out of the spec's folder (and of the current folder) with `..`.
    static func outputOutside(template: String, resolved: String, specFolder: String, workingFolder: String) -> SpecMessage {
        let what = template.hasPrefix("/") ? "is absolute" : "leads outside the spec's folder \(specFolder) and the current folder \(workingFolder)"
        return SpecMessage("output-outside", "The output path \"\(template)\" \(what) (it writes \(resolved)); a spec may only write inside its own folder or the current folder.",
                           "Use a path inside the spec's folder, or give --out DIR to write into DIR, or pass --allow-outside to let this spec write where it says.")
    }

    /// A problem of the file system found before anything is written (a link out of the root, a read-only file, …).
    static func outputTarget(_ problem: OutputTargetProblem) -> SpecMessage {
        SpecMessage(problem.code, "Cannot write \(problem.path): \(problem.reason).", problem.fix)
    }

    static func outputFolderBlocked(_ path: String, by file: String) -> SpecMessage {
        SpecMessage("output-folder-blocked", "Cannot create the folder for \(path): \(file) is a file.", "Move or rename that file, or choose another output path.")
    }

    /// `dpi` as written in messages (`SpecReader.num`); `maxDPI` the most for this page size.
    static func pagePNGTooLong(dpi: String, pixels: Int, maxDPI: Int) -> SpecMessage {
        SpecMessage("impossible-size", "At \(dpi) dpi a page is \(pixels) pixels long; PNG pages are limited to 20000 a side.",
                    "Lower \"dpi\" (at most \(maxDPI) for this page size).")
    }
}
