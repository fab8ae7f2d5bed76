//! The register map's derived forms: the committed docs equal the generated ones, the C header
//! compiles cleanly, the JSON names every register.

use macsec_model::dev::tool_available;
use macsec_model::regmap::{self, BLOCKS};

#[test]
fn committed_register_map_doc_is_the_generated_one() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/register-map.md");
    let committed = std::fs::read_to_string(&path).expect("docs/register-map.md");
    assert!(
        committed == regmap::markdown(),
        "docs/register-map.md is stale: run `cargo run --release -- regmap --format md > docs/register-map.md`"
    );
}

#[test]
fn c_header_compiles_with_warnings_as_errors() {
    if !tool_available("gcc") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("macsec-regs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("macsec_regs.h"), regmap::c_header()).unwrap();
    // Use a few definitions so the test fails if they go missing.
    std::fs::write(
        dir.join("t.c"),
        "#include \"macsec_regs.h\"\n\
         int main(void) {\n\
           struct macsec_completion c;\n\
           (void)c;\n\
           return (MACSEC_CARD_ID == 0x00Cu && MACSEC_TABLE_KEY == 1u\n\
                   && MACSEC_SECY_CTRL_VALIDATE_FRAMES_SHIFT == 5u\n\
                   && sizeof(struct macsec_descriptor) == 16u) ? 0 : 1;\n\
         }\n",
    )
    .unwrap();
    let out = std::process::Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o"])
        .arg(dir.join("t"))
        .arg(dir.join("t.c"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = std::process::Command::new(dir.join("t")).status().unwrap();
    assert!(run.success(), "the header's values disagree with the map");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_lists_every_register() {
    let j = regmap::json();
    let blocks = j["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), BLOCKS.len());
    for (b, jb) in BLOCKS.iter().zip(blocks) {
        assert_eq!(jb["name"], b.name);
        assert_eq!(jb["registers"].as_array().unwrap().len(), b.registers.len());
    }
    assert_eq!(j["tables"][0]["name"], "KEY");
    assert_eq!(j["tables"][0]["write_only"], true);
}
