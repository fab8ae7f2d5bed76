//! `macsec bench --gcm-core`: the rust-hdl AES-GCM core on its own.

use macsec_hdl::bench::{latency, throughput, versus_icarus};
use serde_json::json;

use crate::error::CliError;

pub fn run(as_json: bool, sizes: &[usize]) -> Result<(), CliError> {
    if sizes.iter().any(|&s| s < 28) {
        return Err(CliError::Usage(
            "--sizes: the core bench needs sizes of at least 28 octets".into(),
        ));
    }
    let (beat, tag, install) = latency();
    let lat = json!({"core": "gcm", "latency_cycles": beat, "tag_after_last_beat_cycles": tag, "key_install_cycles": install});
    if as_json {
        println!("{lat}");
    } else {
        println!("latency: {beat} cycles from input beat to output beat; tag {tag} cycle(s) after the last beat; key install {install} cycles");
        println!(
            "{:>6} {:>9} {:>8} {:>13} {:>14}",
            "size", "messages", "cycles", "octets/cycle", "sim cycles/s"
        );
    }
    for &size in sizes {
        let r = throughput(size, 20_000);
        if as_json {
            println!(
                "{}",
                json!({"core": "gcm", "size": size, "messages": r.messages, "cycles": r.cycles,
                    "bytes_per_cycle": (r.bytes_per_cycle * 1000.0).round() / 1000.0,
                    "sim_cycles_per_second": r.sim_cycles_per_second.round()})
            );
        } else {
            println!(
                "{:>6} {:>9} {:>8} {:>13.3} {:>14.0}",
                size, r.messages, r.cycles, r.bytes_per_cycle, r.sim_cycles_per_second
            );
        }
    }
    let dir = std::env::temp_dir().join(format!("macsec-bench-icarus-{}", std::process::id()));
    match versus_icarus(1500, 3_000, &dir) {
        Ok((ours, icarus)) => {
            let row = json!({"core": "gcm", "stimulus": "1500-octet messages, 3000 cycles",
                "rust_hdl_cycles_per_second": ours.round(), "icarus_cycles_per_second": icarus.round(),
                "ratio": ((ours / icarus) * 10.0).round() / 10.0});
            if as_json {
                println!("{row}");
            } else {
                println!("same stimulus: rust-hdl {ours:.0} cycles/s, Icarus {icarus:.0} cycles/s ({:.1}x)", ours / icarus);
            }
        }
        Err(e) => eprintln!("bench: Icarus comparison skipped: {e}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
