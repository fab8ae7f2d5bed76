//! Clocking frames through the engine's ports: queue them (with gaps), hold the outputs now and
//! then, run until every frame has left (or, at the ingress, was dropped at its start), and hand
//! back what left and when.

use macsec_driver::sim::SimDevice;
use macsec_hdl::engine::sim::OutFrame;

use super::compare::VcdWindow;
use crate::hdl_card::HdlCard;

pub type Hold = Box<dyn FnMut(u64) -> bool + Send>;

/// Frames for one port: each with the idle cycles before it.
pub struct Port<'a> {
    pub frames: Vec<(&'a [u8], usize)>,
    pub hold: Option<Hold>,
    /// Ingress only: offer a beat every cycle whatever the engine's room (a MAC's way).
    pub flood: bool,
}

/// What left one port.
#[derive(Default)]
pub struct Left {
    pub out: Vec<OutFrame>,
    /// Cycle each frame's first beat was taken.
    pub accepted: Vec<u64>,
    /// Cycle the port had taken its last beat.
    pub drained: Option<u64>,
    /// Ingress: cycles `i_overrun` pulsed (the frame taken the cycle before was dropped).
    pub overrun: Vec<u64>,
}

pub struct Streamed {
    pub egress: Left,
    pub ingress: Left,
    /// First cycle of the streaming, and the cycle after the last.
    pub t0: u64,
    pub now: u64,
    pub seconds: f64,
    pub vcd: Vec<u8>,
}

/// Stream both ports at once. `begin` is the scenario's first cycle (the VCD window counts
/// from it); with `stop`, streaming ends at that cycle whatever is still in flight.
pub fn stream(
    dev: &SimDevice<HdlCard>,
    e: Port,
    i: Port,
    window: Option<VcdWindow>,
    begin: u64,
    stop: Option<u64>,
) -> Streamed {
    dev.with_card(|c| {
        let s = c.sim();
        s.e_accepted.clear();
        s.i_accepted.clear();
        s.i_overrun.clear();
        s.i_flood = i.flood;
        s.e_hold = e.hold;
        s.i_hold = i.hold;
        for (f, g) in &e.frames {
            s.idle_egress(*g);
            s.send_egress(f);
        }
        for (f, g) in &i.frames {
            s.idle_ingress(*g);
            s.send_ingress(f);
        }
        let (ne, ni) = (e.frames.len(), i.frames.len());
        let t0 = s.cycles;
        let work: usize = e
            .frames
            .iter()
            .chain(&i.frames)
            .map(|(f, g)| f.len() / 16 + 4 + g)
            .sum();
        // Far more than the traffic needs even with every output held half the time.
        let limit = stop.unwrap_or(t0 + 4 * work as u64 + 2000);
        let t = std::time::Instant::now();
        let mut drained = [None, None];
        let mut vcd = Vec::new();
        while (s.egress_done() < ne || s.ingress_done() + s.i_overrun.len() < ni)
            && s.cycles < limit
        {
            if let Some(w) = window {
                let rel = s.cycles - begin;
                if rel >= w.from && rel < w.to && !s.recording_vcd() {
                    s.start_vcd_for(u64::MAX, w.keys);
                }
                if rel >= w.to && s.recording_vcd() {
                    vcd = s.take_vcd();
                }
            }
            s.tick();
            if drained[0].is_none() && s.egress_pending() == 0 {
                drained[0] = Some(s.cycles);
            }
            if drained[1].is_none() && s.ingress_pending() == 0 {
                drained[1] = Some(s.cycles);
            }
        }
        let seconds = t.elapsed().as_secs_f64();
        if window.is_some() && s.recording_vcd() {
            vcd = s.take_vcd();
        }
        s.e_hold = None;
        s.i_hold = None;
        s.i_flood = false;
        Streamed {
            egress: Left {
                out: std::iter::from_fn(|| s.egress_out()).collect(),
                accepted: s.e_accepted.drain(..).collect(),
                drained: drained[0],
                overrun: Vec::new(),
            },
            ingress: Left {
                out: std::iter::from_fn(|| s.ingress_out()).collect(),
                accepted: s.i_accepted.drain(..).collect(),
                drained: drained[1],
                overrun: std::mem::take(&mut s.i_overrun),
            },
            t0,
            now: s.cycles,
            seconds,
            vcd,
        }
    })
}
