//! The shape of the code, checked: no import cycle between files, at most ten files directly in
//! `src/`, no source file over 600 lines, the library free of terminal and argument-parsing
//! crates, and the terminal UI independent of the command line.
//!
//! Every `.rs` file under `src/` is parsed (syn) and each path it names — in `use` items and in
//! code, test modules included — is resolved to the file that defines the item it reaches,
//! following the module tree and `pub use` re-exports. A `pub use` or `mod` declaration is not
//! itself a dependency (a folder's `mod.rs` re-exporting its children depends on none of them);
//! using an item is. Paths inside macro invocations are not seen.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

mod folders;

const MAX_FILES_IN_SRC: usize = 10;
const MAX_LINES: usize = 600;

/// The domain crate's sources; the binary's are in `src/`.
const LIB_SRC: &str = "crates/dyad-core/src";

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A module: the file it lives in and, for an inline module, its path inside that file.
#[derive(Debug, Default)]
struct Module {
    file: PathBuf,
    /// Child modules by name.
    children: BTreeMap<String, usize>,
    parent: Option<usize>,
    /// Items defined here (types, functions, constants, traits, macros…).
    items: BTreeSet<String>,
    /// `pub use` re-exports: local name → path (relative to this module).
    reexports: BTreeMap<String, Vec<String>>,
    /// `pub use path::*` re-exports.
    globs: Vec<Vec<String>>,
    /// Private `use` aliases: local name → path.
    aliases: BTreeMap<String, Vec<String>>,
    /// Crate root of this module (index of the root module).
    krate: usize,
}

/// All modules of the library and the binary, with the paths each file uses.
#[derive(Default)]
struct Tree {
    modules: Vec<Module>,
    /// (module, path) pairs to resolve.
    uses: Vec<(usize, Vec<String>)>,
    lib_root: usize,
}

impl Tree {
    fn load() -> Tree {
        let mut t = Tree::default();
        t.lib_root = t.add_file(&root().join(LIB_SRC).join("lib.rs"), None, None);
        t.add_file(&root().join("src/main.rs"), None, None);
        t
    }

    /// Adds the module in `file` (a crate root when `parent` is None) and its descendants.
    fn add_file(&mut self, file: &Path, parent: Option<usize>, name: Option<&str>) -> usize {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let id = self.new_module(file, parent, name);
        self.add_items(id, &ast.items, file);
        id
    }

    fn new_module(&mut self, file: &Path, parent: Option<usize>, name: Option<&str>) -> usize {
        let id = self.modules.len();
        let krate = parent.map_or(id, |p| self.modules[p].krate);
        self.modules.push(Module {
            file: file.to_path_buf(),
            parent,
            krate,
            ..Module::default()
        });
        if let (Some(p), Some(n)) = (parent, name) {
            self.modules[p].children.insert(n.to_string(), id);
        }
        id
    }

    /// The folder where the children of the module in `file` live.
    fn child_dir(file: &Path) -> PathBuf {
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let dir = file.parent().unwrap();
        if matches!(stem, "mod" | "lib" | "main") {
            dir.to_path_buf()
        } else {
            dir.join(stem)
        }
    }

    fn add_items(&mut self, id: usize, items: &[syn::Item], file: &Path) {
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    let name = m.ident.to_string();
                    if let Some((_, inner)) = &m.content {
                        let child = self.new_module(file, Some(id), Some(&name));
                        self.add_items(child, inner, file);
                    } else {
                        let path = match path_attribute(&m.attrs) {
                            // `#[path]` is relative to the folder of the declaring file.
                            Some(p) => file.parent().unwrap().join(p),
                            None => {
                                let dir = Self::child_dir(file);
                                let flat = dir.join(format!("{name}.rs"));
                                let nested = dir.join(&name).join("mod.rs");
                                if flat.exists() { flat } else { nested }
                            }
                        };
                        self.add_file(&path, Some(id), Some(&name));
                    }
                }
                syn::Item::Use(u) => {
                    let public = !matches!(u.vis, syn::Visibility::Inherited);
                    let mut flat = Vec::new();
                    flatten(&u.tree, &mut Vec::new(), &mut flat);
                    for (path, alias) in flat {
                        let m = &mut self.modules[id];
                        match (alias, public) {
                            (None, true) => m.globs.push(path),
                            (None, false) => {}
                            (Some(a), true) => {
                                m.reexports.insert(a, path);
                            }
                            (Some(a), false) => {
                                m.aliases.insert(a, path.clone());
                                self.uses.push((id, path));
                            }
                        }
                    }
                }
                other => {
                    if let Some(name) = item_name(other) {
                        self.modules[id].items.insert(name);
                    }
                    let mut v = Paths(Vec::new());
                    v.visit_item(other);
                    for p in v.0 {
                        self.uses.push((id, p));
                    }
                }
            }
        }
    }

    /// The module a path's first segment starts from, and the rest of the path.
    fn start(&self, at: usize, path: &[String]) -> Option<(usize, Vec<String>)> {
        let first = path.first()?;
        let m = &self.modules[at];
        let rest = path[1..].to_vec();
        match first.as_str() {
            "crate" => Some((m.krate, rest)),
            "dyad" if m.krate != self.lib_root => Some((self.lib_root, rest)),
            "self" => Some((at, rest)),
            "super" => Some((m.parent?, rest)),
            name => {
                if let Some(&c) = m.children.get(name) {
                    return Some((c, rest));
                }
                let alias = m.aliases.get(name).or_else(|| m.reexports.get(name))?;
                // `use name::…` of an outside crate: nothing of ours.
                if alias.first().map(String::as_str) == Some(name) {
                    return None;
                }
                let mut full = alias.clone();
                full.extend(rest);
                self.start(at, &full)
            }
        }
    }

    /// The file that defines what `path`, used in module `at`, names (None: outside the crates).
    fn resolve(&self, at: usize, path: &[String], depth: usize) -> Option<PathBuf> {
        if depth > 16 {
            return None;
        }
        let (mut m, rest) = self.start(at, path)?;
        for (k, seg) in rest.iter().enumerate() {
            let module = &self.modules[m];
            if seg == "super" {
                m = module.parent?;
                continue;
            }
            if let Some(&c) = module.children.get(seg) {
                m = c;
                continue;
            }
            if module.items.contains(seg) {
                return Some(module.file.clone());
            }
            // A re-export, or a private `use` (seen by the module's descendants).
            if let Some(target) = module.reexports.get(seg).or(module.aliases.get(seg)) {
                let mut full = target.clone();
                full.extend(rest[k + 1..].iter().cloned());
                return self
                    .resolve(m, &full, depth + 1)
                    .or(Some(module.file.clone()));
            }
            for g in &module.globs {
                let mut full = g.clone();
                full.extend(rest[k..].iter().cloned());
                if let Some(f) = self.resolve(m, &full, depth + 1) {
                    return Some(f);
                }
            }
            return Some(module.file.clone());
        }
        Some(self.modules[m].file.clone())
    }

    /// File → files it depends on.
    fn edges(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
        let mut out: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for m in &self.modules {
            out.entry(m.file.clone()).or_default();
        }
        for (at, path) in &self.uses {
            if let Some(to) = self.resolve(*at, path, 0) {
                let from = &self.modules[*at].file;
                if &to != from {
                    out.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        out
    }
}

/// The file a `#[path = "…"]` attribute names.
fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

fn item_name(item: &syn::Item) -> Option<String> {
    Some(match item {
        syn::Item::Const(i) => i.ident.to_string(),
        syn::Item::Enum(i) => i.ident.to_string(),
        syn::Item::Fn(i) => i.sig.ident.to_string(),
        syn::Item::Static(i) => i.ident.to_string(),
        syn::Item::Struct(i) => i.ident.to_string(),
        syn::Item::Trait(i) => i.ident.to_string(),
        syn::Item::Type(i) => i.ident.to_string(),
        syn::Item::Union(i) => i.ident.to_string(),
        syn::Item::Macro(i) => i.ident.as_ref()?.to_string(),
        _ => return None,
    })
}

/// A use tree as (path, local name) pairs; a glob has no local name.
fn flatten(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                out.push((prefix.clone(), prefix.last().cloned()));
            } else {
                let mut p = prefix.clone();
                p.push(name.clone());
                out.push((p, Some(name)));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut p = prefix.clone();
            p.push(r.ident.to_string());
            out.push((p, Some(r.rename.to_string())));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), None)),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten(t, prefix, out);
            }
        }
    }
}

/// Every path of two or more segments in an item (types, expressions, patterns, attributes
/// aside), and `use` items inside function bodies and inline blocks.
struct Paths(Vec<Vec<String>>);

impl<'ast> Visit<'ast> for Paths {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.segments.len() >= 2 {
            self.0
                .push(p.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut flat = Vec::new();
        flatten(&u.tree, &mut Vec::new(), &mut flat);
        self.0.extend(flat.into_iter().map(|(p, _)| p));
    }
}

/// Strongly connected components of more than one file (Tarjan).
fn cycles(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'a> {
        edges: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: HashMap<&'a PathBuf, usize>,
        low: HashMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on: BTreeSet<&'a PathBuf>,
        out: Vec<Vec<PathBuf>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a PathBuf) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        edges,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn relative(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// Every `.rs` file under `dir`, recursively.
pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The cycles still to untangle, each to be removed from this list when it is (none is left).
/// No other cycle may appear, and a cycle that is gone must leave this list.
const KNOWN_CYCLES: &[&str] = &[];

#[test]
fn no_import_cycle_between_files_beyond_the_known_ones() {
    let tree = Tree::load();
    let found: Vec<String> = cycles(&tree.edges())
        .iter()
        .map(|c| {
            c.iter()
                .map(|p| relative(p))
                .collect::<Vec<_>>()
                .join(" ↔ ")
        })
        .collect();
    let new: Vec<&String> = found
        .iter()
        .filter(|c| !KNOWN_CYCLES.contains(&c.as_str()))
        .collect();
    assert!(new.is_empty(), "new import cycles:\n{new:#?}");
    let gone: Vec<&&str> = KNOWN_CYCLES
        .iter()
        .filter(|k| !found.iter().any(|c| c == *k))
        .collect();
    assert!(
        gone.is_empty(),
        "untangled, remove from KNOWN_CYCLES: {gone:#?}"
    );
}

/// A library of the given files (path, text) in a temporary folder, and its module tree.
fn fixture(files: &[(&str, &str)]) -> (tempfile::TempDir, Tree) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut t = Tree::default();
    t.lib_root = t.add_file(&dir.path().join("lib.rs"), None, None);
    (dir, t)
}

#[test]
fn the_checker_sees_a_cycle_and_a_re_export_is_not_one() {
    // A fixture tree: a ↔ b is a cycle; c's mod.rs re-exports its child d, which uses c's own
    // type: not a cycle.
    let (dir, t) = fixture(&[
        ("lib.rs", "mod a; mod b; mod c;"),
        ("a.rs", "pub fn fa() { crate::b::fb(); }"),
        ("b.rs", "pub fn fb() { crate::a::fa(); }"),
        ("c/mod.rs", "mod d; pub use d::fd; pub struct C;"),
        ("c/d.rs", "pub fn fd() -> super::C { super::C }"),
    ]);
    let src = dir.path();
    let found = cycles(&t.edges());
    assert_eq!(found, vec![vec![src.join("a.rs"), src.join("b.rs")]]);
}

#[test]
fn at_most_ten_files_directly_in_src_and_none_over_600_lines() {
    for src in ["src", LIB_SRC] {
        let top: Vec<String> = std::fs::read_dir(root().join(src))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| relative(&p))
            .collect();
        assert!(top.len() <= MAX_FILES_IN_SRC, "{top:?}");
    }
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join(LIB_SRC), &mut files);
    rust_files(&root().join("tests"), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|p| (p, std::fs::read_to_string(p).unwrap().lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(p, n)| format!("{} ({n} lines)", relative(p)))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn the_library_has_no_terminal_or_argument_parsing_code_and_the_tui_no_cli() {
    let tree = Tree::load();
    let mut wrong = Vec::new();
    for (at, path) in &tree.uses {
        let m = &tree.modules[*at];
        let file = relative(&m.file);
        let first = path.first().map(String::as_str).unwrap_or("");
        if m.krate == tree.lib_root && matches!(first, "ratatui" | "crossterm" | "clap") {
            wrong.push(format!("{file}: {}", path.join("::")));
        }
        if file.starts_with("src/tui/")
            && let Some(to) = tree.resolve(*at, path, 0)
            && relative(&to).starts_with("src/cli/")
        {
            wrong.push(format!("{file}: {}", path.join("::")));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_domain_crate_s_manifest_has_no_terminal_or_argument_crates() {
    let text = std::fs::read_to_string(root().join("crates/dyad-core/Cargo.toml")).unwrap();
    let manifest: toml::Table = text.parse().unwrap();
    let deps: Vec<&String> = ["dependencies", "dev-dependencies", "build-dependencies"]
        .iter()
        .filter_map(|t| manifest.get(*t)?.as_table())
        .flat_map(|t| t.keys())
        .collect();
    assert!(deps.iter().any(|d| *d == "csv"), "{deps:?}");
    let wrong: Vec<&&String> = deps
        .iter()
        .filter(|d| {
            ["ratatui", "crossterm", "clap"]
                .iter()
                .any(|c| d.starts_with(c))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}
