//! The back of the GCM core: XORs the keystream into data beats, runs GHASH one block per
//! cycle, stores H blocks, keeps the lengths and E_K(J0) of each message and hands them to the
//! fold (see `ghash`), so the next message's GHASH can start on the very next cycle.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::dff::Reg;

use crate::aes_pipeline::KEY_BITS;
use crate::ghash::{GcmFold, Ghash};
use crate::h_ram::HRam;
use crate::mask_info::MaskInfo;

#[derive(SettleBlock, Default, Debug)]
pub struct GcmBack {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub en: Signal<In, Bit>,
    pub s0: Signal<In, Bits<32>>,
    pub s1: Signal<In, Bits<32>>,
    pub s2: Signal<In, Bits<32>>,
    pub s3: Signal<In, Bits<32>>,
    pub key: Signal<In, Bits<KEY_BITS>>,
    /// The key slot of the block one stage behind (`AesPipeline::key_next`): H's read address.
    pub key_next: Signal<In, Bits<KEY_BITS>>,
    /// The key expander's wipe after a reset: H of slot `wipe_addr` is overwritten with zeros.
    pub wipe: Signal<In, Bit>,
    pub wipe_addr: Signal<In, Bits<KEY_BITS>>,
    pub aux0: Signal<In, Bits<32>>,
    pub aux1: Signal<In, Bits<32>>,
    pub aux2: Signal<In, Bits<32>>,
    pub aux3: Signal<In, Bits<32>>,
    pub meta: Signal<In, Bits<32>>,
    pub h_done: Signal<Out, Bit>,
    pub out_valid: Signal<Out, Bit>,
    pub out_sop: Signal<Out, Bit>,
    pub out_eop: Signal<Out, Bit>,
    pub out_aad: Signal<Out, Bit>,
    pub out_mask: Signal<Out, Bits<16>>,
    pub out_d0: Signal<Out, Bits<32>>,
    pub out_d1: Signal<Out, Bits<32>>,
    pub out_d2: Signal<Out, Bits<32>>,
    pub out_d3: Signal<Out, Bits<32>>,
    pub tag_valid: Signal<Out, Bit>,
    pub tag0: Signal<Out, Bits<32>>,
    pub tag1: Signal<Out, Bits<32>>,
    pub tag2: Signal<Out, Bits<32>>,
    pub tag3: Signal<Out, Bits<32>>,
    info: MaskInfo,
    hram: HRam,
    ghash: Ghash,
    fold: GcmFold,
    ov: Reg<Bit>,
    osop: Reg<Bit>,
    oeop: Reg<Bit>,
    oaad: Reg<Bit>,
    omask: Reg<Bits<16>>,
    od0: Reg<Bits<32>>,
    od1: Reg<Bits<32>>,
    od2: Reg<Bits<32>>,
    od3: Reg<Bits<32>>,
    aad_len: Reg<Bits<32>>,
    data_len: Reg<Bits<32>>,
    ej0: Reg<Bits<32>>,
    ej1: Reg<Bits<32>>,
    ej2: Reg<Bits<32>>,
    ej3: Reg<Bits<32>>,
    fv: Reg<Bit>,
    fla: Reg<Bits<32>>,
    fld: Reg<Bits<32>>,
    fh0: Reg<Bits<32>>,
    fh1: Reg<Bits<32>>,
    fh2: Reg<Bits<32>>,
    fh3: Reg<Bits<32>>,
    fe0: Reg<Bits<32>>,
    fe1: Reg<Bits<32>>,
    fe2: Reg<Bits<32>>,
    fe3: Reg<Bits<32>>,
    c0: Signal<Local, Bits<32>>,
    c1: Signal<Local, Bits<32>>,
    c2: Signal<Local, Bits<32>>,
    c3: Signal<Local, Bits<32>>,
    x0: Signal<Local, Bits<32>>,
    x1: Signal<Local, Bits<32>>,
    x2: Signal<Local, Bits<32>>,
    x3: Signal<Local, Bits<32>>,
    naad: Signal<Local, Bits<32>>,
    ndata: Signal<Local, Bits<32>>,
}

impl GcmBack {
    pub fn new() -> Self {
        GcmBack {
            hram: HRam::new(),
            ..Default::default()
        }
    }
}

impl Logic for GcmBack {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, ov, osop, oeop, oaad, omask, od0, od1, od2, od3, aad_len, data_len, ej0,
            ej1, ej2, ej3, fv, fla, fld, fh0, fh1, fh2, fh3, fe0, fe1, fe2, fe3
        );
        self.hram.clock.next = self.clock.val();
        self.hram.reset.next = self.reset.val();
        // GHASH runs over the input for AAD and for decryption, over the output for encryption.
        self.info.meta.next = self.meta.val();
        // H blocks go to the H memory, and tell the key expander it is done.
        self.hram.re.next = self.en.val();
        self.hram.raddr.next = self.key_next.val();
        self.hram.waddr.next = self.key.val();
        self.hram.we.next = self.info.is_h.val() && self.en.val();
        self.hram.w0.next = self.s0.val();
        self.hram.w1.next = self.s1.val();
        self.hram.w2.next = self.s2.val();
        self.hram.w3.next = self.s3.val();
        self.h_done.next = self.info.is_h.val() && self.en.val();
        if self.wipe.val() {
            self.hram.we.next = true;
            self.hram.waddr.next = self.wipe_addr.val();
            self.hram.w0.next = 0.into();
            self.hram.w1.next = 0.into();
            self.hram.w2.next = 0.into();
            self.hram.w3.next = 0.into();
        }
        // Ciphertext (or plaintext, decrypting): payload XOR keystream, bytes past the mask zero.
        self.c0.next = (self.aux0.val() ^ self.s0.val()) & self.info.m0.val();
        self.c1.next = (self.aux1.val() ^ self.s1.val()) & self.info.m1.val();
        self.c2.next = (self.aux2.val() ^ self.s2.val()) & self.info.m2.val();
        self.c3.next = (self.aux3.val() ^ self.s3.val()) & self.info.m3.val();
        self.x0.next = self.c0.val();
        self.x1.next = self.c1.val();
        self.x2.next = self.c2.val();
        self.x3.next = self.c3.val();
        if self.info.plain.val() {
            self.x0.next = self.aux0.val() & self.info.m0.val();
            self.x1.next = self.aux1.val() & self.info.m1.val();
            self.x2.next = self.aux2.val() & self.info.m2.val();
            self.x3.next = self.aux3.val() & self.info.m3.val();
        }
        // GHASH: Y = (Y ⊕ X) · H, Y starting at 0 with each message.
        self.ghash.clock.next = self.clock.val();
        self.ghash.en.next = self.en.val();
        self.ghash.valid.next = self.info.valid.val();
        self.ghash.first.next = self.info.sop.val();
        self.ghash.x0.next = self.x0.val();
        self.ghash.x1.next = self.x1.val();
        self.ghash.x2.next = self.x2.val();
        self.ghash.x3.next = self.x3.val();
        self.ghash.h0.next = self.hram.r0.val();
        self.ghash.h1.next = self.hram.r1.val();
        self.ghash.h2.next = self.hram.r2.val();
        self.ghash.h3.next = self.hram.r3.val();
        // Lengths in octets so far, this beat included.
        self.naad.next = self.aad_len.q.val();
        self.ndata.next = self.data_len.q.val();
        if self.info.sop.val() {
            self.naad.next = 0.into();
            self.ndata.next = 0.into();
        }
        if self.info.aad.val() {
            self.naad.next = self.aad_len.q.val() + self.info.nbytes.val();
            if self.info.sop.val() {
                self.naad.next = self.info.nbytes.val();
            }
        } else {
            self.ndata.next = self.data_len.q.val() + self.info.nbytes.val();
        }
        // The fold: S = (Y ⊕ (len(A) ‖ len(C))) · H, then T = S ⊕ E_K(J0).
        self.fold.clock.next = self.clock.val();
        self.fold.reset.next = self.reset.val();
        self.fold.en.next = self.en.val();
        self.fold.valid.next = self.fv.q.val();
        self.fold.y0.next = self.ghash.y0.val();
        self.fold.y1.next = self.ghash.y1.val();
        self.fold.y2.next = self.ghash.y2.val();
        self.fold.y3.next = self.ghash.y3.val();
        self.fold.aad_len.next = self.fla.q.val();
        self.fold.data_len.next = self.fld.q.val();
        self.fold.h0.next = self.fh0.q.val();
        self.fold.h1.next = self.fh1.q.val();
        self.fold.h2.next = self.fh2.q.val();
        self.fold.h3.next = self.fh3.q.val();
        self.fold.e0.next = self.fe0.q.val();
        self.fold.e1.next = self.fe1.q.val();
        self.fold.e2.next = self.fe2.q.val();
        self.fold.e3.next = self.fe3.q.val();
        if self.en.val() {
            self.ov.d.next = self.info.valid.val();
            self.osop.d.next = self.info.sop.val();
            self.oeop.d.next = self.info.eop.val();
            self.oaad.d.next = self.info.aad.val();
            self.omask.d.next = self.info.mask.val();
            self.od0.d.next = self.c0.val();
            self.od1.d.next = self.c1.val();
            self.od2.d.next = self.c2.val();
            self.od3.d.next = self.c3.val();
            if self.info.aad.val() {
                self.od0.d.next = self.aux0.val() & self.info.m0.val();
                self.od1.d.next = self.aux1.val() & self.info.m1.val();
                self.od2.d.next = self.aux2.val() & self.info.m2.val();
                self.od3.d.next = self.aux3.val() & self.info.m3.val();
            }
            self.fv.d.next = self.info.valid.val() && self.info.eop.val();
            if self.info.valid.val() {
                self.aad_len.d.next = self.naad.val();
                self.data_len.d.next = self.ndata.val();
                if self.info.sop.val() {
                    // The J0 slot's output is E_K(J0).
                    self.ej0.d.next = self.s0.val();
                    self.ej1.d.next = self.s1.val();
                    self.ej2.d.next = self.s2.val();
                    self.ej3.d.next = self.s3.val();
                }
                if self.info.eop.val() {
                    self.fla.d.next = self.naad.val();
                    self.fld.d.next = self.ndata.val();
                    self.fh0.d.next = self.hram.r0.val();
                    self.fh1.d.next = self.hram.r1.val();
                    self.fh2.d.next = self.hram.r2.val();
                    self.fh3.d.next = self.hram.r3.val();
                    self.fe0.d.next = self.ej0.q.val();
                    self.fe1.d.next = self.ej1.q.val();
                    self.fe2.d.next = self.ej2.q.val();
                    self.fe3.d.next = self.ej3.q.val();
                    if self.info.sop.val() {
                        self.fe0.d.next = self.s0.val();
                        self.fe1.d.next = self.s1.val();
                        self.fe2.d.next = self.s2.val();
                        self.fe3.d.next = self.s3.val();
                    }
                }
            }
        }
        if self.reset.val() {
            self.ov.d.next = false;
            self.fv.d.next = false;
            // H and E_K(J0) of the last frames: key material, gone with a reset.
            self.ej0.d.next = 0.into();
            self.ej1.d.next = 0.into();
            self.ej2.d.next = 0.into();
            self.ej3.d.next = 0.into();
            self.fh0.d.next = 0.into();
            self.fh1.d.next = 0.into();
            self.fh2.d.next = 0.into();
            self.fh3.d.next = 0.into();
            self.fe0.d.next = 0.into();
            self.fe1.d.next = 0.into();
            self.fe2.d.next = 0.into();
            self.fe3.d.next = 0.into();
        }
        self.out_valid.next = self.ov.q.val();
        self.out_sop.next = self.osop.q.val();
        self.out_eop.next = self.oeop.q.val();
        self.out_aad.next = self.oaad.q.val();
        self.out_mask.next = self.omask.q.val();
        self.out_d0.next = self.od0.q.val();
        self.out_d1.next = self.od1.q.val();
        self.out_d2.next = self.od2.q.val();
        self.out_d3.next = self.od3.q.val();
        self.tag_valid.next = self.fold.tag_valid.val();
        self.tag0.next = self.fold.tag0.val();
        self.tag1.next = self.fold.tag1.val();
        self.tag2.next = self.fold.tag2.val();
        self.tag3.next = self.fold.tag3.val();
    }
}
