//! Recording a waveform does not change what the rust-hdl engine does. Without a VCD the
//! clock's fall is never settled (it moves no register) and each rising edge is handed to the
//! blocks whole; while a VCD records, the clock really falls, so the waveform shows it. Both
//! ways must give the same outputs on every cycle, and the VCD must show the clock toggling.

use macsec_hdl::engine::sim::EngineSim;
use macsec_hdl::vcd_redact::Keys;
use macsec_model::Config;

mod common;
use common::program;

/// Program a SAK, protect three frames and validate one the wire never carried (so both
/// pipelines and the counters move); every cycle's outputs.
fn run(vcd: bool) -> (Vec<String>, Vec<u8>) {
    let mut sim = EngineSim::traced();
    if vcd {
        sim.start_vcd_for(u64::MAX, Keys::Redact);
    }
    let cfg = Config::from_toml(
        "cipher = \"gcm-aes-128\"\nsci = \"0012345678900001\"\n\
         [[tx_sa]]\nan = 0\npn = 1\nkey = \"AD7A2BD03EAC835A6F620FDCB506B345\"\n\
         [[rx_sc]]\nsci = \"0012345678900001\"\n\
         [[rx_sc.sa]]\nan = 0\npn = 1\nkey = \"AD7A2BD03EAC835A6F620FDCB506B345\"\n",
    )
    .unwrap();
    program(&mut sim, &cfg);
    for n in [60usize, 700, 1514] {
        let frame: Vec<u8> = (0..n).map(|i| (i * 13 + n) as u8).collect();
        sim.send_egress(&frame);
    }
    let mut wire = Vec::new();
    let mut guard = 0;
    while wire.len() < 3 && guard < 20_000 {
        sim.tick();
        if let Some(f) = sim.egress_out() {
            wire.push(f.data);
        }
        guard += 1;
    }
    assert_eq!(wire.len(), 3, "the egress did not send three frames");
    sim.send_ingress(&wire[1]);
    while sim.ingress_done() < 1 && guard < 40_000 {
        sim.tick();
        guard += 1;
    }
    assert_eq!(sim.ingress_done(), 1, "the ingress delivered nothing");
    sim.idle_egress(20);
    for _ in 0..20 {
        sim.tick();
    }
    let seen = sim.trace.take().expect("a traced engine").seen;
    (seen, sim.take_vcd())
}

#[test]
fn a_recorded_run_moves_as_an_unrecorded_one() {
    let (plain, none) = run(false);
    let (recorded, vcd) = run(true);
    assert!(none.is_empty());
    assert!(plain.len() > 300, "too short a run to mean anything");
    assert_eq!(plain.len(), recorded.len());
    if let Some(c) = (0..plain.len()).find(|&c| plain[c] != recorded[c]) {
        panic!(
            "cycle {c}: without a VCD {} but while recording {}",
            plain[c], recorded[c]
        );
    }
    // The top's clock is declared and falls and rises in the waveform.
    let vcd = String::from_utf8(vcd).unwrap();
    let id = vcd
        .lines()
        .find_map(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            (t.first() == Some(&"$var") && t.get(4) == Some(&"clock")).then(|| t[3].to_string())
        })
        .expect("the clock in the VCD");
    let falls = vcd.lines().filter(|l| *l == format!("0{id}")).count();
    let rises = vcd.lines().filter(|l| *l == format!("1{id}")).count();
    assert!(falls > 300 && rises > 300, "{falls} falls, {rises} rises");
}
