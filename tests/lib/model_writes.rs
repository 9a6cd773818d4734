//! Only `update` (and the state's own methods) change the TUI's state: no other file under
//! `src/tui/` assigns a field of `Model` or of one of its parts. The event loop, the effects on
//! disk, the jobs, the views and the test harness go through a `Msg` or a method of the state.
//! The `*_tests.rs` files are left out: they set up the state a test starts from.
//!
//! Every file is parsed (syn); an assignment (`=`, `+=`, …) counts when its left side reaches,
//! through fields and indexing, a field of `Model` — and, for a part such as `document`, a field
//! of that part — so `profile.weights[k] = x` is not taken for the weights panel.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use syn::visit::Visit;

use crate::architecture::{root, rust_files};

/// Model's fields, each with the fields of its type when that type is a struct of `state/`.
type Fields = BTreeMap<String, BTreeSet<String>>;

fn structs(files: &[PathBuf]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out = BTreeMap::new();
    for f in files {
        let ast = syn::parse_file(&std::fs::read_to_string(f).unwrap()).unwrap();
        for item in ast.items {
            if let syn::Item::Struct(s) = item {
                let fields = s
                    .fields
                    .iter()
                    .filter_map(|f| {
                        let name = f.ident.as_ref()?.to_string();
                        let ty = match &f.ty {
                            syn::Type::Path(p) => p.path.segments.last()?.ident.to_string(),
                            _ => String::new(),
                        };
                        Some((name, ty))
                    })
                    .collect();
                out.insert(s.ident.to_string(), fields);
            }
        }
    }
    out
}

fn model_fields() -> Fields {
    let mut files = Vec::new();
    rust_files(&root().join("src/tui/state"), &mut files);
    let all = structs(&files);
    all["Model"]
        .iter()
        .map(|(name, ty)| {
            let inner = all
                .get(ty)
                .map(|fs| fs.iter().map(|(n, _)| n.clone()).collect())
                .unwrap_or_default();
            (name.clone(), inner)
        })
        .collect()
}

/// The field names along an assignment's left side, outermost last: `m.document.current.name`
/// gives `[document, current, name]`.
fn chain(mut e: &syn::Expr) -> Vec<String> {
    let mut names = Vec::new();
    loop {
        match e {
            syn::Expr::Field(f) => {
                if let syn::Member::Named(n) = &f.member {
                    names.push(n.to_string());
                }
                e = &f.base;
            }
            syn::Expr::Index(i) => e = &i.expr,
            syn::Expr::Paren(p) => e = &p.expr,
            syn::Expr::Unary(u) => e = &u.expr,
            _ => break,
        }
    }
    names.reverse();
    names
}

/// Whether a left side writes the model: a Model field, and for a part, one of its fields.
fn writes_model(names: &[String], fields: &Fields) -> bool {
    names.iter().enumerate().any(|(i, n)| match fields.get(n) {
        Some(inner) if inner.is_empty() => true,
        Some(inner) => names.get(i + 1).is_some_and(|next| inner.contains(next)),
        None => false,
    })
}

struct Writes<'a> {
    fields: &'a Fields,
    found: Vec<String>,
}

impl Writes<'_> {
    fn check(&mut self, left: &syn::Expr) {
        let names = chain(left);
        if writes_model(&names, self.fields) {
            self.found.push(names.join("."));
        }
    }
}

impl<'ast> Visit<'ast> for Writes<'_> {
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        self.check(&a.left);
        syn::visit::visit_expr_assign(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp::*;
        if matches!(
            b.op,
            AddAssign(_)
                | SubAssign(_)
                | MulAssign(_)
                | DivAssign(_)
                | RemAssign(_)
                | BitXorAssign(_)
                | BitAndAssign(_)
                | BitOrAssign(_)
                | ShlAssign(_)
                | ShrAssign(_)
        ) {
            self.check(&b.left);
        }
        syn::visit::visit_expr_binary(self, b);
    }
}

fn writes_in(text: &str, fields: &Fields) -> Vec<String> {
    let ast = syn::parse_file(text).unwrap();
    let mut w = Writes {
        fields,
        found: Vec::new(),
    };
    w.visit_file(&ast);
    w.found
}

#[test]
fn only_update_and_the_state_change_the_tui_model() {
    let fields = model_fields();
    assert!(fields.contains_key("top") && fields["document"].contains("current"));
    let tui = root().join("src/tui");
    let mut files = Vec::new();
    rust_files(&tui, &mut files);
    let mut wrong = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&tui).unwrap();
        let name = rel.to_string_lossy();
        if rel.starts_with("update") || rel.starts_with("state") || name.ends_with("_tests.rs") {
            continue;
        }
        for w in writes_in(&std::fs::read_to_string(&f).unwrap(), &fields) {
            wrong.push(format!("src/tui/{name}: {w} = …"));
        }
    }
    assert!(
        wrong.is_empty(),
        "model fields assigned outside update/ and state/:\n{wrong:#?}"
    );
}

#[test]
fn the_checker_sees_a_write_to_the_model_and_not_to_a_profile() {
    let fields = model_fields();
    let text = "fn f(m: &mut Model, p: &mut Profile) {
        m.document.read_only = None;
        m.solve.generation += 1;
        (*m).quit = true;
        p.weights[0] = 1.0;
        req.generation = 3;
        let _ = m.top.take();
    }";
    assert_eq!(
        writes_in(text, &fields),
        ["document.read_only", "solve.generation", "quit"]
    );
}
