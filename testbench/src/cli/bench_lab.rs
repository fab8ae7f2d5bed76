//! `macsec bench --lab`: the default lab on the behavioral card and on the rust-hdl card, the same
//! seed and frames, in one run: frames per second of each, simulated cycles per second and octets
//! per cycle of the HDL card, and the ratio of the two speeds. The behavioral card runs before and
//! after the HDL card (its figure is the mean), so a drift of the machine shows in both.

use serde_json::json;

use crate::error::CliError;
use crate::lab::{self, CardKind, LabArgs, Summary};

fn lab_run(card: CardKind, frames: usize) -> Result<Summary, CliError> {
    let args = LabArgs {
        card: Some(card),
        frames,
        seed: 1,
        config: None,
        pcap: None,
        vcd: None,
        vcd_cycles: 0,
        include_keys: false,
        dma_latency: 200,
        json: true,
        device: Vec::new(),
    };
    let s = lab::measure(&args)?;
    if s.mismatches() > 0 || s.score.lost() > 0 {
        return Err(CliError::Failed(format!(
            "the lab on --card {} did not match the golden model",
            s.card
        )));
    }
    Ok(s)
}

pub fn run(json: bool, frames: usize) -> Result<(), CliError> {
    let m1 = lab_run(CardKind::Model, frames)?;
    let h = lab_run(CardKind::Hdl, frames)?;
    let m2 = lab_run(CardKind::Model, frames)?;
    let model_fps = (m1.frames_per_second() + m2.frames_per_second()) / 2.0;
    let hdl_fps = h.frames_per_second();
    let ratio = hdl_fps / model_fps;
    let opc = |c| h.octets_per_cycle(c).unwrap_or(0.0);
    if json {
        println!(
            "{}",
            json!({
                "frames": frames,
                "model_frames_per_second": model_fps.round(),
                "model_seconds": [m1.seconds, m2.seconds],
                "hdl_frames_per_second": hdl_fps.round(),
                "hdl_seconds": h.seconds,
                "hdl_cycles": [h.a.cycles, h.b.cycles],
                "hdl_cycles_per_second": h.cycles_per_second().map(f64::round),
                "hdl_octets_per_cycle": [opc(&h.a), opc(&h.b)],
                "ratio": ratio,
            })
        );
        return Ok(());
    }
    println!("the lab, {frames} frames, seed 1, both cards in one run");
    println!(
        "  behavioral card   {:>10.0} frames/s   ({:.2} s and {:.2} s)",
        model_fps, m1.seconds, m2.seconds
    );
    println!(
        "  rust-hdl card     {:>10.0} frames/s   ({:.2} s; {} + {} cycles, {:.0} cycles/s; {:.2} and {:.2} octets/cycle)",
        hdl_fps,
        h.seconds,
        h.a.cycles.unwrap_or(0),
        h.b.cycles.unwrap_or(0),
        h.cycles_per_second().unwrap_or(0.0),
        opc(&h.a),
        opc(&h.b)
    );
    println!(
        "  ratio hdl / behavioral: {ratio:.5} (1 : {:.0})",
        1.0 / ratio
    );
    Ok(())
}
