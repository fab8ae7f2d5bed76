//! The back of the egress: takes the cipher core's output beats and tags in order, appends the
//! ICV to protected frames, checks the protected length against MAX_FRAME_LEN (the frame then
//! leaves marked to be dropped: its PN was used, as 10.5.2 says), and ends every frame with its
//! status word and one counter event.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

/// The egress status word on a frame's last beat: bits 3:0 the TxCounter index, 9:8 the AN,
/// bit 16 set when the frame must be dropped.
pub const STATUS_DROP: u32 = 1 << 16;
pub const STATUS_AN_SHIFT: u32 = 8;

#[derive(SettleBlock, Default, Debug)]
// Its logic reads an output it writes (so a move of it runs the logic again).
#[settle(reads_outputs)]
pub struct TxBack {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub max_len: Signal<In, Bits<32>>,
    pub c_valid: Signal<In, Bit>,
    pub c_eop: Signal<In, Bit>,
    pub c_n: Signal<In, Bits<5>>,
    pub c_d0: Signal<In, Bits<32>>,
    pub c_d1: Signal<In, Bits<32>>,
    pub c_d2: Signal<In, Bits<32>>,
    pub c_d3: Signal<In, Bits<32>>,
    pub c_pop: Signal<Out, Bit>,
    pub t_valid: Signal<In, Bit>,
    pub t_d0: Signal<In, Bits<32>>,
    pub t_d1: Signal<In, Bits<32>>,
    pub t_d2: Signal<In, Bits<32>>,
    pub t_d3: Signal<In, Bits<32>>,
    pub t_pop: Signal<Out, Bit>,
    pub ds_valid: Signal<In, Bit>,
    pub ds_counter: Signal<In, Bits<32>>,
    pub ds_an: Signal<In, Bits<32>>,
    pub ds_t16: Signal<In, Bit>,
    pub ds_prot: Signal<In, Bit>,
    pub ds_pop: Signal<Out, Bit>,
    pub g_valid: Signal<Out, Bit>,
    pub g_ready: Signal<In, Bit>,
    pub a_len: Signal<Out, Bits<5>>,
    pub b_len: Signal<Out, Bits<5>>,
    pub g_end: Signal<Out, Bit>,
    pub g_status: Signal<Out, Bits<32>>,
    pub tx_ev: Signal<Out, Bit>,
    pub tx_ev_counter: Signal<Out, Bits<3>>,
    pub tx_ev_an: Signal<Out, Bits<2>>,
    pub tx_ev_octets: Signal<Out, Bits<16>>,
    bytes: Reg<Bits<16>>,
    total: Signal<Local, Bits<16>>,
    len: Signal<Local, Bits<32>>,
    user: Signal<Local, Bits<16>>,
    too_long: Signal<Local, Bit>,
    counter: Signal<Local, Bits<32>>,
    drop: Signal<Local, Bit>,
    go: Signal<Local, Bit>,
}

impl Logic for TxBack {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, bytes);
        // The last beat waits for its tag (one cycle behind) and for the descriptor.
        self.go.next = self.c_valid.val()
            && self.g_ready.val()
            && (!self.c_eop.val() || (self.t_valid.val() && self.ds_valid.val()));
        self.total.next = self.bytes.q.val() + bit_cast::<16, 5>(self.c_n.val());
        // The protected frame: DA to ICV; its User Data: less the addresses and the SecTAG.
        self.len.next = bit_cast::<32, 16>(self.total.val()) + 16;
        self.user.next = self.total.val() - 20;
        if self.ds_t16.val() {
            self.user.next = self.total.val() - 28;
        }
        self.too_long.next = self.ds_prot.val()
            && (self.max_len.val() != 0)
            && (self.len.val() > self.max_len.val());
        self.counter.next = self.ds_counter.val();
        if self.too_long.val() {
            self.counter.next = 1.into();
        }
        self.drop.next =
            (self.counter.val() != 0) && (self.counter.val() != 2) && (self.counter.val() != 3);
        self.g_valid.next = self.c_valid.val()
            && (!self.c_eop.val() || (self.t_valid.val() && self.ds_valid.val()));
        self.a_len.next = self.c_n.val();
        self.b_len.next = 0.into();
        if self.c_eop.val() && self.ds_prot.val() {
            self.b_len.next = 16.into();
        }
        self.g_end.next = self.c_eop.val();
        self.g_status.next = self.counter.val();
        if self.ds_an.val().get_bit(0) {
            self.g_status.next = self.g_status.val() | 0x100;
        }
        if self.ds_an.val().get_bit(1) {
            self.g_status.next = self.g_status.val() | 0x200;
        }
        if self.drop.val() {
            self.g_status.next = self.g_status.val() | 0x1_0000;
        }
        self.c_pop.next = self.go.val();
        self.t_pop.next = self.go.val() && self.c_eop.val();
        self.ds_pop.next = self.go.val() && self.c_eop.val();
        self.tx_ev.next = self.go.val() && self.c_eop.val();
        self.tx_ev_counter.next = bit_cast::<3, 32>(self.counter.val());
        self.tx_ev_an.next = bit_cast::<2, 32>(self.ds_an.val());
        self.tx_ev_octets.next = 0.into();
        if self.ds_prot.val() {
            self.tx_ev_octets.next = self.user.val();
        }
        if self.go.val() {
            self.bytes.d.next = self.total.val();
            if self.c_eop.val() {
                self.bytes.d.next = 0.into();
            }
        }
        if self.reset.val() {
            self.bytes.d.next = 0.into();
        }
    }
}
