//! `docs/rules.md` is generated from the rules' doc comments; this test
//! fails when it is stale. `UPDATE_DOCS=1 cargo test --test docs` rewrites it.

#[test]
fn rules_md_is_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let want = gongkai_core::rules::docs_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test -p gongkai-core --test docs"
    );
}

/// The README's list of rules is the same table, linked to docs/rules.md,
/// between two markers.
#[test]
fn readme_rule_list_is_fresh() {
    const START: &str = "<!-- rules:start (generated from the registry; UPDATE_DOCS=1 cargo test -p gongkai-core --test docs) -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let have = std::fs::read_to_string(&path).unwrap();
    let (a, b) = (
        have.find(START).expect("README has the rules:start marker") + START.len(),
        have.find(END).expect("README has the rules:end marker"),
    );
    let want = gongkai_core::rules::summary_table("docs/rules.md#");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{want}{}", &have[..a], &have[b..])).unwrap();
        return;
    }
    assert!(
        have[a..b] == want,
        "README's rule list is stale: run UPDATE_DOCS=1 cargo test -p gongkai-core --test docs"
    );
}

#[test]
fn every_rule_is_documented_once() {
    let reg = gongkai_core::rules::REGISTRY;
    for (i, r) in reg.iter().enumerate() {
        assert!(
            r.doc.contains("**Fails:**"),
            "{} has no failing example",
            r.code
        );
        assert!(
            reg[i + 1..].iter().all(|o| o.code != r.code),
            "{} twice",
            r.code
        );
    }
}
