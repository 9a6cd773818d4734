//! Folders as well as files: no two sibling modules (the top-level modules of either crate, the
//! parts of the terminal UI, any folder's children) may use each other, directly or around a
//! loop, even when no two files do. A path counts both as written (`crate::analysis::Summary`
//! is a use of `analysis`, wherever `Summary` lives) and as resolved (the file that defines
//! it). The library's stack is also the order of its `pub mod` declarations in `lib.rs`: each
//! module uses only those declared after it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{LIB_SRC, Tree, cycles, fixture, relative, root};

impl Tree {
    /// The module a path names as written: child modules followed (and private `use` aliases),
    /// never a re-export. `crate::analysis::Summary` names `analysis` wherever `Summary` lives.
    fn written(&self, at: usize, path: &[String]) -> Option<usize> {
        let (mut m, rest) = self.start(at, path)?;
        for seg in &rest {
            if seg == "super" {
                m = self.modules[m].parent?;
            } else if let Some(&c) = self.modules[m].children.get(seg) {
                m = c;
            } else {
                break;
            }
        }
        Some(m)
    }

    /// The chain of modules from the crate root down to `m`.
    fn chain(&self, m: usize) -> Vec<usize> {
        let mut out = vec![m];
        while let Some(p) = self.modules[*out.last().unwrap()].parent {
            out.push(p);
        }
        out.reverse();
        out
    }

    /// The module a file holds (its outermost module).
    fn module_of(&self, file: &Path) -> Option<usize> {
        self.modules.iter().position(|m| m.file == file)
    }

    /// Folder edges: for each module with children, which child uses which sibling (through
    /// any file inside them), reading each path both as written and as resolved.
    fn folder_edges(&self) -> BTreeMap<usize, BTreeMap<String, BTreeSet<String>>> {
        let mut out: BTreeMap<usize, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        for (at, path) in &self.uses {
            let resolved = self.resolve(*at, path, 0).and_then(|f| self.module_of(&f));
            for to in [self.written(*at, path), resolved].into_iter().flatten() {
                let (a, b) = (self.chain(*at), self.chain(to));
                let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
                // One inside the other (a folder's own items, or a folder using its child) is
                // no edge between siblings.
                if common == 0 || common == a.len() || common == b.len() {
                    continue;
                }
                let name = |m: usize| {
                    let parent = &self.modules[self.modules[m].parent.unwrap()];
                    parent
                        .children
                        .iter()
                        .find(|(_, c)| **c == m)
                        .map(|(n, _)| n.clone())
                        .unwrap()
                };
                out.entry(a[common - 1])
                    .or_default()
                    .entry(name(a[common]))
                    .or_default()
                    .insert(name(b[common]));
            }
        }
        out
    }

    /// A module's path for messages: `crate` or `crate::tui`, with the crate's folder.
    fn folder_name(&self, m: usize) -> String {
        let mut names = Vec::new();
        for w in self.chain(m).windows(2) {
            let parent = &self.modules[w[0]];
            let (n, _) = parent.children.iter().find(|(_, c)| **c == w[1]).unwrap();
            names.push(n.clone());
        }
        let krate = relative(&self.modules[self.modules[m].krate].file);
        std::iter::once(krate)
            .chain(names)
            .collect::<Vec<_>>()
            .join("::")
    }

    /// Cycles between sibling modules, each as `FOLDER: a ↔ b ↔ …`.
    fn folder_cycles(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (folder, edges) in self.folder_edges() {
            let graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = edges
                .iter()
                .map(|(a, to)| (PathBuf::from(a), to.iter().map(PathBuf::from).collect()))
                .collect();
            for c in cycles(&graph) {
                let names: Vec<String> = c.iter().map(|p| p.display().to_string()).collect();
                out.push(format!(
                    "{}: {}",
                    self.folder_name(folder),
                    names.join(" ↔ ")
                ));
            }
        }
        out
    }
}

/// The library's top-level modules in the order `lib.rs` declares them.
fn declared_order() -> Vec<String> {
    let text = std::fs::read_to_string(root().join(LIB_SRC).join("lib.rs")).unwrap();
    syn::parse_file(&text)
        .unwrap()
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) => Some(m.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// Edges between the library's top-level modules that go up the declared stack.
fn upward(tree: &Tree, order: &[String]) -> Vec<String> {
    let at = |name: &str| order.iter().position(|m| m == name);
    let edges = tree.folder_edges();
    let mut out = Vec::new();
    for (from, to) in edges.get(&tree.lib_root).into_iter().flatten() {
        for t in to {
            if at(from) >= at(t) {
                out.push(format!("{from} uses {t}, which lib.rs declares above it"));
            }
        }
    }
    out
}

#[test]
fn no_cycle_between_the_folders_of_either_crate() {
    let found = Tree::load().folder_cycles();
    assert!(found.is_empty(), "modules using each other:\n{found:#?}");
}

#[test]
fn the_folder_check_sees_a_back_edge_that_makes_no_file_cycle() {
    // high/mod.rs uses low/x.rs, and low/y.rs reaches back up to high: no two files use each
    // other, but the folders do.
    let (_dir, t) = fixture(&[
        ("lib.rs", "mod high; mod low;"),
        ("high/mod.rs", "pub fn h() { crate::low::x::f(); }"),
        ("low/mod.rs", "pub mod x; pub mod y;"),
        ("low/x.rs", "pub fn f() {}"),
        ("low/y.rs", "pub fn g() { crate::high::h(); }"),
    ]);
    assert!(cycles(&t.edges()).is_empty());
    let found = t.folder_cycles();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with(": high ↔ low"), "{found:?}");
}

#[test]
fn the_library_s_modules_use_only_those_declared_after_them_in_lib_rs() {
    let tree = Tree::load();
    let order = declared_order();
    assert!(order.len() > 10, "{order:?}");
    let wrong = upward(&tree, &order);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn a_back_edge_planted_in_the_real_library_is_caught() {
    // `pool` reaching up for the matching's summary, as `privacy` once did.
    let mut tree = Tree::load();
    let pool = tree
        .module_of(&root().join(LIB_SRC).join("pool/mod.rs"))
        .unwrap();
    let planted: Vec<String> = ["crate", "analysis", "Summary"].map(String::from).into();
    tree.uses.push((pool, planted));
    let found = tree.folder_cycles();
    assert!(
        found
            .iter()
            .any(|c| c.starts_with(&format!("{LIB_SRC}/lib.rs: ")) && c.contains("pool")),
        "{found:?}"
    );
    let wrong = upward(&tree, &declared_order());
    assert!(
        wrong.contains(&"pool uses analysis, which lib.rs declares above it".to_string()),
        "{wrong:?}"
    );
}
