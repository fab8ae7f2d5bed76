//! `macsec bench --json`: one object per (backend, size, op) with the agreed fields. Only the
//! shape is checked here; figures belong in docs/performance.md, never in assertions.

mod common;

use common::*;
use serde_json::Value;

/// Run `macsec args`, which must succeed, and parse each line of its output as JSON.
fn json_rows(args: &[&str]) -> Vec<Value> {
    let o = macsec(args);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn json_lines_have_the_agreed_fields() {
    let lines = json_rows(&["bench", "--json", "--sizes", "64,1500", "--millis", "40"]);
    assert_eq!(lines.len(), 2 * 2 * 2);
    let mut seen = Vec::new();
    for l in &lines {
        let raw = l["raw_gbps"].as_f64().unwrap();
        let secy = l["secy_gbps"].as_f64().unwrap();
        let ratio = l["ratio"].as_f64().unwrap();
        assert!(raw > 0.0 && secy > 0.0);
        // The rates are printed to 3 decimals: on a loaded machine (tiny rates) their rounding
        // alone moves secy/raw by up to this much.
        let rounding = 0.0005 / raw + secy * 0.0005 / (raw * raw);
        assert!((ratio - secy / raw).abs() < 0.01 + rounding, "{l}");
        seen.push((
            l["backend"].as_str().unwrap().to_string(),
            l["size"].as_u64().unwrap(),
            l["op"].as_str().unwrap().to_string(),
        ));
    }
    for b in ["aes-gcm", "ring"] {
        for size in [64, 1500] {
            for op in ["protect", "validate"] {
                assert!(
                    seen.contains(&(b.to_string(), size, op.to_string())),
                    "{b} {size} {op}"
                );
            }
        }
    }
}

#[test]
fn bad_bench_options() {
    for args in [
        vec!["bench", "--sizes", "5"],
        vec!["bench", "--sizes", "64,x"],
        vec!["bench", "--backend", "openssl"],
    ] {
        let o = macsec(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    }
}

/// `bench --lab`: both cards run the same lab in one process; the HDL card's cycles and octets
/// per cycle are reported and its speed relative to the behavioral card's.
#[test]
fn bench_lab_compares_the_two_cards() {
    let o = macsec(&["bench", "--lab", "--frames", "200", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ratio = r["ratio"].as_f64().unwrap();
    assert!(ratio > 0.0 && ratio < 1.0, "{r}");
    assert!(r["hdl_cycles_per_second"].as_f64().unwrap() > 0.0, "{r}");
    for c in r["hdl_cycles"].as_array().unwrap() {
        assert!(c.as_u64().unwrap() > 1_000, "{r}");
    }
    for x in r["hdl_octets_per_cycle"].as_array().unwrap() {
        assert!(x.as_f64().unwrap() > 4.0, "{r}");
    }
}

/// `bench --card model`: one row per size and direction, every frame accounted for (the bench
/// refuses to print figures when a frame went astray), the ratio the quotient of the two rates.
#[test]
fn bench_card_model_rows() {
    let lines = json_rows(&[
        "bench", "--card", "model", "--sizes", "64,1500", "--millis", "40", "--json",
    ]);
    assert_eq!(lines.len(), 2 * 2);
    for l in &lines {
        assert_eq!(l["card"], "model");
        let golden = l["golden_gbps"].as_f64().unwrap();
        let card = l["card_gbps"].as_f64().unwrap();
        assert!(golden > 0.0 && card > 0.0, "{l}");
        assert!(
            (l["ratio"].as_f64().unwrap() - card / golden).abs() < 0.01,
            "{l}"
        );
    }
}
