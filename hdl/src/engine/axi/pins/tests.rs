//! The AXI top's pin lists against the word orders of its pins.

use super::*;

#[test]
fn the_word_orders_are_the_port_lists() {
    assert_eq!(AXI_INPUTS.len(), AxiIn::default().values().len());
    assert_eq!(AXI_OUTPUTS.len(), AxiOut::default().values().len());
    assert_eq!((N_AXI_IN, N_AXI_OUT), (27, 36));
    let o = AxiOut {
        rdata: 0xDEAD_BEEF,
        bresp: 2,
        tx_out: AxisOut {
            tdata: u128::MAX - 5,
            tkeep: 0x7FFF,
            tlast: true,
            tuser: (1u128 << 96) | 3,
            tvalid: true,
        },
        rx_in_ready: true,
        rx_out: AxisOut {
            tuser: 1u128 << 97, // wider than the port: dropped
            ..AxisOut::default()
        },
        ..AxiOut::default()
    };
    let back = AxiOut::from_words(&o.words());
    assert_eq!(back.tx_out, o.tx_out);
    assert_eq!(
        (back.rdata, back.bresp, back.rx_in_ready),
        (0xDEAD_BEEF, 2, true)
    );
    assert_eq!(back.rx_out.tuser, 0);
    // The port list's positions: tdata's first word follows irq_set.
    let i = AxiIn {
        irq_set: 7,
        tx_in: AxisIn {
            tdata: 0x11 | (0x22u128 << 96),
            ..AxisIn::default()
        },
        ..AxiIn::default()
    };
    let w = i.words();
    let at = AXI_INPUTS
        .iter()
        .take_while(|p| p.name != "irq_set")
        .count();
    assert_eq!(&w[at..at + 5], &[7, 0x11, 0, 0, 0x22]);
}
