//! The shape of `src/`: no file imports from a file that imports it (directly or around a
//! longer circle), and no file is over 500 lines.
//!
//! Every path is read, not only `use` lines: `crate::`, `super::` and `self::` paths inside
//! function bodies count too (`crate::tui::ui::stats::scroll_limit(..)` once closed a circle
//! that no `use` line showed), and so does `child::item` where `child` is a module declared
//! in the same file. A path is charged to the deepest file it reaches; `mod x;` alone is not
//! an import. Comments, strings and char literals are blanked first, so card text in tests
//! (`{{cloze}}`, `a::b`) is never read as code.
//!
//! One kind of path is not an import between files: a file using an item of its own parent
//! module (`use super::Deck` in `deck/toml_format.rs`, where `deck/mod.rs` defines `Deck` and
//! re-exports the parser). A folder's `mod.rs` and its files are one module; the parent
//! holding the shared types and the files implementing parts is how Rust modules are built.
//! Every other edge counts: between siblings, cousins, and from a parent into its files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files still over the limit while another branch splits them; each entry leaves this list
/// when its split lands. Nothing else may be added here.
const OVER_LIMIT_FOR_NOW: &[&str] = &[];

const MAX_LINES: usize = 500;

#[test]
fn no_file_in_src_is_over_500_lines() {
    let mut over = Vec::new();
    for file in rust_files(&src_dir()) {
        let name = display(&file);
        let lines = read(&file).lines().count();
        if lines > MAX_LINES && !OVER_LIMIT_FOR_NOW.contains(&name.as_str()) {
            over.push(format!("{name}: {lines} lines"));
        }
    }
    assert!(
        over.is_empty(),
        "files over {MAX_LINES} lines (split them by what they hold):\n{}",
        over.join("\n")
    );
}

#[test]
fn the_allowlist_names_only_files_that_are_still_too_long() {
    for name in OVER_LIMIT_FOR_NOW {
        let path = src_dir().join(name.trim_start_matches("src/"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            assert!(
                text.lines().count() > MAX_LINES,
                "{name} is within the limit now: take it off OVER_LIMIT_FOR_NOW"
            );
        }
    }
}

#[test]
fn no_import_circle_between_files_in_src() {
    let graph = Graph::of(&src_dir());
    assert!(
        graph.files.len() > 40,
        "read only {} files: is src/ where it should be?",
        graph.files.len()
    );
    let cycles = graph.cycles();
    assert!(
        cycles.is_empty(),
        "import circles (each file reaches the next, the last the first):\n{}",
        cycles
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_sees_paths_in_bodies_groups_and_children_but_not_in_strings() {
    let src = r##"
        mod child;
        use super::a::{b::{self, C}, d};
        fn f() { crate::x::y::z(); let s = "crate::not::this"; child::g(); }
        // crate::nor::this
        const RAW: &str = r#"{{ crate::nor::raw }}"#;
        fn lifetimes<'a>(c: &'a str) -> char { 'x' }
        mod inner { use super::h; }
        #[cfg(test)]
        mod tests { use crate::up::there; }
    "##;
    let found = paths_in(&strip(src), &["m".to_string()]);
    let found: BTreeSet<String> = found.into_iter().map(|p| p.join("::")).collect();
    let want: BTreeSet<String> = ["a::b", "a::b::C", "a::d", "x::y::z", "m::child::g", "m::h"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, want);
}

#[test]
fn the_checker_finds_a_circle_closed_by_a_path_inside_a_function_body() {
    // The shape the TUI had: the router and a view importing each other, one way only
    // through a full path in a body. A parent using its own files is not a circle.
    let dir = tempfile::tempdir().expect("temp dir");
    let files = [
        ("main.rs", "mod tui;\nfn main() { tui::run(); }\n"),
        ("lib.rs", "pub mod core;\n"),
        ("core.rs", "pub fn f() {}\n"),
        (
            "tui/mod.rs",
            "pub mod app;\npub mod ui;\npub use app::App;\npub fn run() {}\n",
        ),
        (
            "tui/app.rs",
            "pub struct App;\nfn f() { let _ = crate::tui::ui::view::limit(); }\n",
        ),
        ("tui/ui/mod.rs", "pub mod view;\npub fn fits() {}\n"),
        (
            "tui/ui/view.rs",
            "use crate::tui::app::App;\nuse super::fits;\npub fn limit() {}\n",
        ),
    ];
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    let cycles = Graph::of(dir.path()).cycles();
    let shown: Vec<String> = cycles.iter().map(|c| c.join(" -> ")).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].contains("tui/app.rs") && shown[0].contains("tui/ui/view.rs"),
        "{shown:?}"
    );
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn display(file: &Path) -> String {
    let rel = file
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(file);
    rel.to_string_lossy().replace('\\', "/")
}

fn read(file: &Path) -> String {
    std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Which crate a file is in (the library under lib.rs, the binary under main.rs) and its
/// module path inside it.
fn module_of(rel: &Path, bin_roots: &BTreeSet<String>) -> (&'static str, Vec<String>) {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    match last.as_str() {
        "lib.rs" | "main.rs" if parts.is_empty() => {
            return (if last == "lib.rs" { "lib" } else { "bin" }, parts)
        }
        "mod.rs" => {}
        other => parts.push(other.trim_end_matches(".rs").to_string()),
    }
    let krate = if parts.first().is_some_and(|p| bin_roots.contains(p)) {
        "bin"
    } else {
        "lib"
    };
    (krate, parts)
}

struct Graph {
    /// Display name of each file, by (crate, module path).
    files: BTreeMap<(&'static str, Vec<String>), String>,
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    fn of(src: &Path) -> Graph {
        let main = read(&src.join("main.rs"));
        let bin_roots: BTreeSet<String> = declared_mods(&strip(&main)).into_iter().collect();
        let mut files = BTreeMap::new();
        let mut texts = Vec::new();
        let mut tests = Vec::new();
        for file in rust_files(src) {
            let rel = file.strip_prefix(src).unwrap_or(&file).to_path_buf();
            let key = module_of(&rel, &bin_roots);
            let code = strip(&read(&file));
            for name in test_mods(&code) {
                let mut m = key.1.clone();
                m.push(name);
                tests.push((key.0, m));
            }
            texts.push((key, display(&file), code));
        }
        // Test code may reach up the layers (a config test running the scheduler), as a
        // dev-dependency may: only what ships is checked.
        texts.retain(|((krate, m), _, _)| {
            !tests.iter().any(|(k, t)| k == krate && m.starts_with(t))
        });
        for (key, name, _) in &texts {
            files.insert(key.clone(), name.clone());
        }
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for ((krate, module), name, text) in texts {
            let to = edges.entry(name.clone()).or_default();
            for path in paths_in(&text, &module) {
                // The deepest file the path reaches is the one it imports from.
                let n = (0..=path.len())
                    .rev()
                    .find(|&n| files.contains_key(&(krate, path[..n].to_vec())));
                let Some(n) = n else { continue };
                // A file's own ancestors (the `mod.rs` above it, the crate root) are the
                // module it is part of, not a file it imports from: see the top of this file.
                if n < module.len() && module.starts_with(&path[..n]) {
                    continue;
                }
                let target = &files[&(krate, path[..n].to_vec())];
                if *target != name {
                    to.insert(target.clone());
                }
            }
        }
        Graph { files, edges }
    }

    /// Every circle, one per strongly connected set of files (Tarjan), as a path around it.
    fn cycles(&self) -> Vec<Vec<String>> {
        let names: Vec<&String> = self.edges.keys().collect();
        let index_of: BTreeMap<&String, usize> =
            names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let adj: Vec<Vec<usize>> = names
            .iter()
            .map(|n| {
                self.edges[*n]
                    .iter()
                    .filter_map(|t| index_of.get(t).copied())
                    .collect()
            })
            .collect();
        let mut t = Tarjan {
            adj: &adj,
            index: vec![None; adj.len()],
            low: vec![0; adj.len()],
            on_stack: vec![false; adj.len()],
            stack: Vec::new(),
            next: 0,
            sets: Vec::new(),
        };
        for v in 0..adj.len() {
            if t.index[v].is_none() {
                t.visit(v);
            }
        }
        t.sets
            .into_iter()
            .filter(|set| set.len() > 1)
            .map(|set| {
                circle(&adj, &set)
                    .iter()
                    .map(|&i| names[i].clone())
                    .collect()
            })
            .collect()
    }
}

struct Tarjan<'a> {
    adj: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    sets: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in &self.adj[v] {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(i) if self.on_stack[w] => self.low[v] = self.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut set = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                set.push(w);
                if w == v {
                    break;
                }
            }
            self.sets.push(set);
        }
    }
}

/// One circle through a strongly connected set: from its first file, breadth-first back to it.
fn circle(adj: &[Vec<usize>], set: &[usize]) -> Vec<usize> {
    let start = set[0];
    let inside: BTreeSet<usize> = set.iter().copied().collect();
    let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &adj[v] {
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while at != start {
                    at = came_from[&at];
                    path.push(at);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if inside.contains(&w) && !came_from.contains_key(&w) {
                came_from.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    set.to_vec()
}

/// The source with comments, strings and char literals blanked (newlines kept), so that only
/// code is left to read paths from.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |out: &mut String, s: &[char]| {
        for &ch in s {
            out.push(if ch == '\n' { '\n' } else { ' ' });
        }
    };
    while i < c.len() {
        let rest = &c[i..];
        let starts = |p: &str| rest.iter().take(p.len()).copied().eq(p.chars());
        let prev_ident = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if starts("//") {
            let end = rest.iter().position(|&ch| ch == '\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if starts("/*") {
            let (mut depth, mut j) = (0usize, 0);
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j.min(rest.len())]);
            i += j;
        } else if !prev_ident && (starts("r#") || starts("r\"") || starts("br#") || starts("br\""))
        {
            let skip = if rest[0] == 'b' { 2 } else { 1 };
            let hashes = rest[skip..].iter().take_while(|&&ch| ch == '#').count();
            let open = skip + hashes + 1;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let end = (open..=rest.len().saturating_sub(close.len()))
                .find(|&j| rest[j..].starts_with(&close))
                .map_or(rest.len(), |j| j + close.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == '\'' && rest.len() > 2 && (rest[1] == '\\' || rest[2] == '\'') {
            // A char literal ('x', '\n', '\''); a lifetime ('a) has no closing quote.
            let end = if rest[1] == '\\' {
                rest.iter()
                    .skip(3)
                    .position(|&ch| ch == '\'')
                    .map_or(rest.len(), |p| p + 4)
            } else {
                3
            };
            blank(&mut out, &rest[..end]);
            i += end;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Colons,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

fn tokens(code: &str) -> Vec<Tok> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
            continue;
        }
        out.push(match ch {
            ':' if c.get(i + 1) == Some(&':') => {
                i += 1;
                Tok::Colons
            }
            '{' => Tok::Open,
            '}' => Tok::Close,
            ',' => Tok::Comma,
            ';' => Tok::Semi,
            '*' => Tok::Star,
            ch if ch.is_whitespace() => {
                i += 1;
                continue;
            }
            _ => Tok::Other,
        });
        i += 1;
    }
    out
}

/// Whether `t[i..]` starts with `cfg(test)` (inside `#[..]`).
fn is_cfg_test(t: &[Tok], i: usize) -> bool {
    matches!(
        (t.get(i), t.get(i + 1), t.get(i + 2), t.get(i + 3)),
        (Some(Tok::Ident(c)), Some(Tok::Other), Some(Tok::Ident(x)), Some(Tok::Other))
            if c == "cfg" && x == "test"
    )
}

/// The modules a file declares as `#[cfg(test)] mod name;`: test code in files of their own.
fn test_mods(code: &str) -> Vec<String> {
    let t = tokens(code);
    let mut out = Vec::new();
    for i in 0..t.len() {
        if is_cfg_test(&t, i) {
            let next_mod = (i + 4..t.len().min(i + 12)).find(|&j| t[j] == Tok::Ident("mod".into()));
            if let Some(j) = next_mod {
                if let (Some(Tok::Ident(name)), Some(Tok::Semi)) = (t.get(j + 1), t.get(j + 2)) {
                    out.push(name.clone());
                }
            }
        }
    }
    out
}

/// The modules a file declares with `mod name;` (not inline ones).
fn declared_mods(code: &str) -> Vec<String> {
    let t = tokens(code);
    t.windows(3)
        .filter_map(|w| match w {
            [Tok::Ident(m), Tok::Ident(name), Tok::Semi] if m == "mod" => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// Every module path the code in a file at `module` refers to, made absolute (from the crate
/// root): `use` trees expanded, `crate::`/`super::`/`self::` paths anywhere, and paths that
/// start with a module declared in the same scope. Inline modules (`mod tests { .. }`) shift
/// what `super` and `self` mean inside them.
fn paths_in(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let t = tokens(code);
    // Scopes: (module path, brace depth at which it closes, children declared in it).
    let mut scopes: Vec<(Vec<String>, usize, BTreeSet<String>)> =
        vec![(module.to_vec(), 0, BTreeSet::new())];
    for name in declared_mods(code) {
        scopes[0].2.insert(name);
    }
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut i = 0;
    let mut test_item = false;
    while i < t.len() {
        if is_cfg_test(&t, i) {
            test_item = true;
        }
        // The attribute was on some other item: it ends at that item's keyword.
        if let Tok::Ident(k) = &t[i] {
            let item = [
                "fn", "use", "const", "static", "struct", "enum", "impl", "type",
            ];
            if item.contains(&k.as_str()) {
                test_item = false;
            }
        }
        match &t[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if scopes.len() > 1 && scopes.last().is_some_and(|s| s.1 == depth) {
                    scopes.pop();
                }
            }
            // A `#[cfg(test)] mod name { .. }` block is test code: skipped whole.
            Tok::Ident(kw) if kw == "mod" && test_item => {
                test_item = false;
                if let (Some(Tok::Ident(_)), Some(Tok::Open)) = (t.get(i + 1), t.get(i + 2)) {
                    let mut open = 0usize;
                    let mut j = i + 2;
                    while j < t.len() {
                        match t[j] {
                            Tok::Open => open += 1,
                            Tok::Close => {
                                open -= 1;
                                if open == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) = (t.get(i + 1), t.get(i + 2)) {
                    let mut path = scopes.last().map(|s| s.0.clone()).unwrap_or_default();
                    path.push(name.clone());
                    if let Some(s) = scopes.last_mut() {
                        s.2.insert(name.clone());
                    }
                    scopes.push((path, depth, BTreeSet::new()));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(kw) if kw == "use" => {
                let mut raw = Vec::new();
                i = use_tree(&t, i + 1, Vec::new(), &mut raw);
                let scope = scopes.last().cloned().unwrap_or_default();
                out.extend(
                    raw.into_iter()
                        .filter_map(|p| absolute(&p, &scope.0, &scope.2)),
                );
                continue;
            }
            Tok::Ident(first)
                if (i == 0 || t[i - 1] != Tok::Colons) && t.get(i + 1) == Some(&Tok::Colons) =>
            {
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while let (Some(Tok::Colons), Some(Tok::Ident(next))) = (t.get(j), t.get(j + 1)) {
                    path.push(next.clone());
                    j += 2;
                }
                let scope = scopes.last().cloned().unwrap_or_default();
                out.extend(absolute(&path, &scope.0, &scope.2));
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Reads one `use` tree from `t[i]`, appending each full path under `prefix` to `out`;
/// returns the index after it (past the `;` at the top level).
fn use_tree(t: &[Tok], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        match t.get(i) {
            Some(Tok::Ident(s)) if s == "as" => {
                i += 2;
            }
            Some(Tok::Ident(s)) => {
                if s != "self" || path.is_empty() {
                    path.push(s.clone());
                }
                i += 1;
            }
            Some(Tok::Colons) => i += 1,
            Some(Tok::Star) => i += 1,
            Some(Tok::Open) => {
                i += 1;
                loop {
                    match t.get(i) {
                        Some(Tok::Close) => {
                            i += 1;
                            break;
                        }
                        Some(Tok::Comma) => i += 1,
                        None => return i,
                        _ => {
                            i = use_tree(t, i, path.clone(), out);
                        }
                    }
                }
                return skip_semi(t, i);
            }
            _ => {
                if !path.is_empty() {
                    out.push(path);
                }
                return skip_semi(t, i);
            }
        }
    }
}

fn skip_semi(t: &[Tok], i: usize) -> usize {
    if t.get(i) == Some(&Tok::Semi) {
        i + 1
    } else {
        i
    }
}

/// A path as written, made absolute; None for paths into other crates and local names.
fn absolute(
    path: &[String],
    module: &[String],
    children: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut at: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => module.to_vec(),
        name if children.contains(name) => {
            let mut m = module.to_vec();
            m.push(name.to_string());
            m.extend(path[1..].iter().cloned());
            return Some(m);
        }
        _ => return None,
    };
    let mut rest = &path[1..];
    if first == "super" {
        at.pop();
        while rest.first().is_some_and(|s| s == "super") {
            at.pop();
            rest = &rest[1..];
        }
    }
    while rest.first().is_some_and(|s| s == "self") {
        rest = &rest[1..];
    }
    at.extend(rest.iter().cloned());
    Some(at)
}
