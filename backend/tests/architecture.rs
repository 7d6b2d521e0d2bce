//! Fitness functions for the layout of `backend/src` (see `src/README.md`): each failure names
//! the file and the import that breaks the rule.
//!
//! - no module imports another family's `routes` (a family's handlers are its own; what others
//!   need lives in its `store`, `model` or a named service module);
//! - no import circles between files (a parent module naming its own children does not count);
//! - `domain/` imports no family, no HTTP and no database connection;
//! - the SQLite and PostgreSQL migrations have the same folders;
//! - `db/schema.rs` declares exactly the tables and columns the migrations make.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sql_types::Text;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file as its module path (`projects::routes`, `domain`, `` for lib.rs) → text.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            if path.is_dir() {
                let mut p = prefix.to_vec();
                p.push(path.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_owned());
                walk(&path, &p, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut p = prefix.to_vec();
                if !matches!(name.as_str(), "mod" | "lib" | "main") {
                    p.push(name);
                }
                out.insert(p.join("::"), fs::read_to_string(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&src(), &[], &mut out);
    out
}

/// The endpoint families: the folders with a `routes.rs`.
fn families(modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    modules.keys().filter_map(|m| m.strip_suffix("::routes")).filter(|f| !f.contains("::")).map(str::to_owned).collect()
}

/// The code of a file without its comments (a comment may name a path it does not import).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The module paths a file refers to: `crate::a::b`, `super::x`, and the items of `use` groups.
fn references(module: &str, is_mod_file: bool, text: &str) -> BTreeSet<String> {
    let parent: Vec<&str> = {
        let mut p: Vec<&str> = if module.is_empty() { vec![] } else { module.split("::").collect() };
        if !is_mod_file {
            p.pop();
        }
        p
    };
    let mut out = BTreeSet::new();
    let text = code(text);
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let boundary = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == ':');
        let (base, skip): (Vec<String>, usize) = if boundary && rest.starts_with("crate::") {
            (vec![], 7)
        } else if boundary && rest.starts_with("super::") {
            (parent.iter().map(|s| s.to_string()).collect(), 7)
        } else {
            i += 1;
            continue;
        };
        i += skip;
        // Read `a::b::c` or `{a, b::c}` after the prefix.
        let start = i;
        let mut depth = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == '{' {
                depth += 1;
            } else if c == '}' {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                if depth == 0 {
                    i += 1;
                    break;
                }
            } else if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') {
                break;
            }
            i += 1;
        }
        let path: String = bytes[start..i].iter().collect();
        for item in expand(&path) {
            let mut full = base.clone();
            full.extend(item.split("::").filter(|s| !s.is_empty()).map(str::to_owned));
            out.insert(full.join("::"));
        }
    }
    out
}

/// `a::{b, c::d}` → `a::b`, `a::c::d`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else { return vec![path.trim_end_matches("::").to_owned()] };
    let head = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut parts = vec![];
    let mut depth = 0;
    let mut cur = String::new();
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    parts.push(cur);
    parts
        .iter()
        .map(|p| p.split_whitespace().collect::<String>())
        .filter(|p| !p.is_empty() && p != "self")
        .flat_map(|p| expand(&format!("{head}{p}")))
        .collect()
}

/// The file a path refers to: its longest prefix that is a module.
fn resolve(path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (0..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| modules.contains_key(m))
}

fn is_mod_file(module: &str) -> bool {
    let file = src().join(module.replace("::", "/"));
    module.is_empty() || file.join("mod.rs").exists()
}

/// File → the files it depends on, without a parent's edges to its own descendants.
fn graph(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    modules
        .iter()
        .map(|(m, text)| {
            let deps = references(m, is_mod_file(m), text)
                .iter()
                .filter_map(|p| resolve(p, modules))
                .filter(|d| d != m && !(m.is_empty() || d.starts_with(&format!("{m}::"))))
                .collect();
            (m.clone(), deps)
        })
        .collect()
}

#[test]
fn no_module_imports_another_familys_routes() {
    let modules = modules();
    let families = families(&modules);
    let mut offending = vec![];
    for (m, text) in &modules {
        let own = m.split("::").next().unwrap_or_default();
        for r in references(m, is_mod_file(m), text) {
            let mut parts = r.split("::");
            let (Some(family), Some(sub)) = (parts.next(), parts.next()) else { continue };
            if sub == "routes" && families.contains(family) && family != own {
                offending.push(format!("{m} imports {r}"));
            }
        }
    }
    assert!(offending.is_empty(), "modules importing another family's routes:\n{}", offending.join("\n"));
}

#[test]
fn no_import_circles_between_files() {
    let modules = modules();
    let graph = graph(&modules);
    // Tarjan's strongly connected components: any component of more than one file is a circle.
    struct Tarjan<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        circles: Vec<Vec<&'g str>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("v");
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("v");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = vec![];
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.circles.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on_stack: BTreeSet::new(),
        circles: vec![],
    };
    for m in graph.keys() {
        if !t.index.contains_key(m.as_str()) {
            t.visit(m);
        }
    }
    let described: Vec<String> = t
        .circles
        .iter()
        .map(|c| {
            let edges: Vec<String> = c
                .iter()
                .flat_map(|a| graph[*a].iter().filter(|b| c.contains(&b.as_str())).map(move |b| format!("{a} → {b}")))
                .collect();
            edges.join(", ")
        })
        .collect();
    assert!(described.is_empty(), "import circles:\n{}", described.join("\n"));
}

#[test]
fn the_domain_imports_no_family_no_http_and_no_database() {
    let modules = modules();
    let families = families(&modules);
    let mut offending = vec![];
    for (m, text) in modules.iter().filter(|(m, _)| *m == "domain" || m.starts_with("domain::")) {
        let code = code(text);
        for forbidden in ["actix_web", "crate::db", "DbConn", "crate::http", "crate::state", "reqwest"] {
            if code.contains(forbidden) {
                offending.push(format!("{m} uses {forbidden}"));
            }
        }
        for r in references(m, is_mod_file(m), text) {
            let first = r.split("::").next().unwrap_or_default();
            if families.contains(first) {
                offending.push(format!("{m} imports {r}"));
            }
        }
    }
    assert!(offending.is_empty(), "the domain floor is broken:\n{}", offending.join("\n"));
}

fn migration_folders(db: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations").join(db);
    fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn both_databases_have_the_same_migrations() {
    let (sqlite, postgres) = (migration_folders("sqlite"), migration_folders("postgres"));
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "migrations only for SQLite: {only_sqlite:?}; only for PostgreSQL: {only_postgres:?}"
    );
}

/// `table! { name (key) { column -> Type, … } }` in schema.rs → table → columns (with those
/// declared as `// column -> Type,`, which table! could not take).
fn declared_schema() -> BTreeMap<String, BTreeSet<String>> {
    let text = fs::read_to_string(src().join("db/schema.rs")).expect("schema.rs");
    let mut tables = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        // a column declared in a comment, past what table! takes (`// name -> Type,`)
        let line = line.strip_prefix("// ").filter(|l| l.contains(" -> ") && l.ends_with(',')).unwrap_or(line);
        if let Some(name) =
            line.strip_suffix('{').map(str::trim).filter(|l| l.contains('(') && !l.starts_with("diesel"))
        {
            current = name.split_whitespace().next().map(str::to_owned);
            if let Some(t) = &current {
                tables.insert(t.clone(), BTreeSet::new());
            }
        } else if let (Some(t), Some((column, _))) = (&current, line.split_once("->")) {
            tables.get_mut(t).expect("table").insert(column.trim().trim_start_matches("r#").to_owned());
        } else if line == "}" {
            current = None;
        }
    }
    tables
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[test]
fn the_schema_declares_what_the_migrations_make() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url =
        zhuxiang::config::DatabaseUrl::parse(&format!("sqlite://{}/schema.db", dir.path().display())).expect("url");
    let pool = zhuxiang::db::pool(&url, 1).expect("pool");
    let mut conn = pool.get().expect("connection");
    zhuxiang::db::migrate(&mut conn).expect("migrations");
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '__diesel_schema_migrations' ORDER BY name",
    )
    .load(&mut conn)
    .expect("tables");
    let mut made = BTreeMap::new();
    for t in tables {
        let columns: Vec<Name> = diesel::sql_query(format!("SELECT name FROM pragma_table_info('{}')", t.name))
            .load(&mut conn)
            .expect("columns");
        made.insert(t.name, columns.into_iter().map(|c| c.name).collect::<BTreeSet<_>>());
    }
    let declared = declared_schema();
    let mut differences = vec![];
    for (table, columns) in &made {
        match declared.get(table) {
            None => differences.push(format!("{table}: made by the migrations, not in schema.rs")),
            Some(d) if d != columns => differences.push(format!(
                "{table}: only in the migrations {:?}; only in schema.rs {:?}",
                columns.difference(d).collect::<Vec<_>>(),
                d.difference(columns).collect::<Vec<_>>()
            )),
            Some(_) => {}
        }
    }
    for table in declared.keys().filter(|t| !made.contains_key(*t)) {
        differences.push(format!("{table}: in schema.rs, not made by the migrations"));
    }
    assert!(differences.is_empty(), "schema.rs and the SQLite migrations differ:\n{}", differences.join("\n"));
}
