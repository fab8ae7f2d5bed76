//! `#[derive(SettleBlock)]`: the same `rust_hdl::core::block::Block` as rust-hdl's
//! `#[derive(LogicBlock)]` (connect, probe — so the same Verilog — and change detection), with a
//! different `update_all`, the step of the simulation's settle loop.
//!
//! rust-hdl runs every block's logic in every pass, before the block's fields take their new
//! values, so a value crossing a level of hierarchy costs a pass over the whole design. Here a
//! block takes its inputs first (values flow down in the pass they are written), runs its logic
//! only when an input, a child's output or its own state moved, visits only children with work
//! left, and in a pass where only the clock moved hands it straight down to the registers.
//! Within a pass a block re-runs its logic at once while its locals move (and its outputs, with
//! `#[settle(reads_outputs)]`: only a block whose logic reads them needs that), and a composite
//! re-runs its logic and re-visits its children while a child's outputs move, so a value
//! settles inside the composite in the pass instead of one pass per crossing. The loop still
//! runs to a fixpoint, so what settles is what rust-hdl would settle. The block keeps
//! its change tracking in a `_settle: SettleState` field (`macsec_hdl::dff::SettleState`).
//! `Param` fields (constants) are declared in the Verilog and take no part in the settle.

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, GenericArgument, PathArguments, Type};

/// Whether a field's type is `Signal<In, _>`.
fn is_input(ty: &Type) -> bool {
    signal_direction(ty).as_deref() == Some("In")
}

fn signal_direction(ty: &Type) -> Option<String> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Signal" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(Type::Path(d)) => Some(d.path.segments.last()?.ident.to_string()),
        _ => None,
    }
}

fn is_signal(ty: &Type) -> bool {
    signal_direction(ty).is_some()
}

/// Whether a field's type is `Param<_>` (`macsec_hdl::param`): a constant, never changing.
fn is_param(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    p.path.segments.last().is_some_and(|l| l.ident == "Param")
}

#[proc_macro_derive(SettleBlock, attributes(settle))]
pub fn derive_settle_block(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let Data::Struct(s) = &input.data else {
        return syn::Error::new_spanned(name, "SettleBlock applies to structs")
            .to_compile_error()
            .into();
    };
    let Fields::Named(named) = &s.fields else {
        return syn::Error::new_spanned(name, "SettleBlock needs named fields")
            .to_compile_error()
            .into();
    };
    // As rust-hdl does, fields named `_…` are simulation state, not part of the block.
    let all: Vec<_> = named
        .named
        .iter()
        .filter(|f| {
            f.ident
                .as_ref()
                .is_some_and(|i| !i.to_string().starts_with('_'))
        })
        .collect();
    let ids = |f: &dyn Fn(&Type) -> bool| -> Vec<_> {
        all.iter()
            .filter(|x| f(&x.ty))
            .map(|x| x.ident.clone().expect("named field"))
            .collect()
    };
    let inputs = ids(&is_input);
    let children = ids(&|t| !is_signal(t) && !is_param(t));
    let rest = ids(&|t| is_signal(t) && !is_input(t));
    let fields = ids(&|_| true);
    let names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    // With a `_settle: SettleState` field the block skips a pass altogether when nothing it
    // reads has changed: its inputs this pass, its children and its own outputs and locals in
    // the last one. Its logic is a function of exactly those (a leaf's state moves only on a
    // clock edge, which is an input changing), so it would write what its signals already
    // hold; and its children, quiet last pass and given the same inputs, stay quiet. Change
    // detection then costs a flag per field, not a walk of the whole subtree.
    let gated = named
        .named
        .iter()
        .any(|f| f.ident.as_ref().is_some_and(|i| i == "_settle"));
    if !gated {
        return syn::Error::new_spanned(
            name,
            "SettleBlock needs a `_settle: SettleState` field (its change tracking)",
        )
        .to_compile_error()
        .into();
    }
    {
        let any = |xs: &[syn::Ident], method: proc_macro2::TokenStream| {
            if xs.is_empty() {
                quote! { false }
            } else {
                quote! { #(self.#xs.#method())||* }
            }
        };
        let outs: Vec<syn::Ident> = all
            .iter()
            .filter(|x| signal_direction(&x.ty).as_deref() == Some("Out"))
            .map(|x| x.ident.clone().expect("named field"))
            .collect();
        let inputs_changed = any(&inputs, quote! { has_changed });
        let children_changed = any(&children, quote! { has_changed });
        let rest_changed = any(&rest, quote! { has_changed });
        let out_changed = any(&outs, quote! { has_changed });
        // What the logic reads of its own signals: its locals, and its outputs only where the
        // struct says `#[settle(reads_outputs)]` (hdl/tests/settle_reads.rs checks every
        // block's source for that). A move of anything else it wrote cannot change what it
        // writes, so it does not run again for it.
        let reads_outputs = input.attrs.iter().any(|a| {
            a.path().is_ident("settle")
                && a.parse_args::<syn::Ident>()
                    .is_ok_and(|i| i == "reads_outputs")
        });
        let read_own: Vec<syn::Ident> = all
            .iter()
            .filter(|x| {
                let d = signal_direction(&x.ty);
                d.as_deref() == Some("Local") || (reads_outputs && d.as_deref() == Some("Out"))
            })
            .map(|x| x.ident.clone().expect("named field"))
            .collect();
        let read_changed = any(&read_own, quote! { has_changed });
        // What a parent's logic reads of a child is its outputs (never what it wrote into the
        // child's inputs), so only a child's outputs changing makes the parent's logic run.
        let children_out = any(&children, quote! { settle_out });
        // A child with work left (its logic to run, or a child of its own) must be visited.
        let children_pending = any(&children, quote! { settle_pending });
        let has_clock = inputs.iter().any(|i| i == "clock");
        let others: Vec<_> = inputs.iter().filter(|i| *i != "clock").cloned().collect();
        let others_changed = any(&others, quote! { has_changed });
        // A pass in which only the clock moved (the block idle, its other inputs still): a
        // block with children hands the clock down (registers and state live in the leaves,
        // and every parent here routes its clock to each child's `clock`); a leaf runs its
        // logic on a rising edge (a falling one moves none) and updates its outputs.
        // A bound on the logic's runs in one pass; a block still moving after it goes on
        // in the next pass, as it would without the bound.
        let local_runs = 16usize;
        let after_clock = if !has_clock {
            quote! {
                self._settle.changed = false;
                self._settle.out = false;
            }
        } else if children.is_empty() {
            quote! {
                self._settle.changed = true;
                self._settle.out = false;
                if self.clock.val().clk {
                    let (_, out, again) = self.settle_logic();
                    self._settle.out = out;
                    self._settle.dirty = again;
                }
            }
        } else {
            quote! {
                let c = self.clock.val();
                #(self.#children.settle_clock_pass(c);)*
                self._settle.dirty = #children_out;
                self._settle.visit = #children_pending;
                self._settle.changed = true;
                self._settle.out = false;
            }
        };
        // Once the logic has run, an edge is over: a re-run in the same pass sees no
        // `pos_edge`, as it would in the next pass.
        let end_edge = if has_clock {
            quote! { self.clock.changed = false; }
        } else {
            quote! {}
        };
        // A rising edge handed to a block whose clock is already high is one whose fall was
        // never settled (`settle_rising_edge`): the clock falls and rises here, in the block,
        // so `pos_edge` sees the edge without a pass over the design for the fall.
        let set_clock = if has_clock {
            quote! {
                self.clock.next = c;
                self.clock.update_all();
                if c.clk && !self.clock.changed {
                    self.clock.next = rust_hdl::core::clock::Clock { clk: false };
                    self.clock.update_all();
                    self.clock.next = c;
                    self.clock.update_all();
                }
            }
        } else {
            quote! { let _ = c; }
        };
        let clock_only = if has_clock {
            quote! {
                if !self._settle.dirty && !self._settle.visit && !(#others_changed) {
                    self.settle_after_clock();
                    return;
                }
            }
        } else {
            quote! {}
        };
        quote! {
            impl #impl_generics #name #ty_generics #where_clause {
                /// Whether an output changed in the last pass.
                #[doc(hidden)]
                pub fn settle_out(&self) -> bool {
                    self._settle.out
                }
                /// Whether the block has work left for the next pass.
                #[doc(hidden)]
                pub fn settle_pending(&self) -> bool {
                    self._settle.dirty || self._settle.visit
                }
                /// The logic, run again at once while what it reads of its own signals
                /// moves (at most a bound of runs): whether any of its signals moved, whether
                /// an output did, and whether it is still moving.
                #[doc(hidden)]
                #[inline(always)]
                #[allow(clippy::nonminimal_bool)]
                fn settle_logic(&mut self) -> (bool, bool, bool) {
                    let (mut moved, mut out, mut again) = (false, false, false);
                    for _ in 0..#local_runs {
                        rust_hdl::core::logic::Logic::update(self);
                        #(self.#rest.update_all();)*
                        moved |= #rest_changed;
                        out |= #out_changed;
                        again = #read_changed;
                        #end_edge
                        if !again {
                            break;
                        }
                    }
                    (moved, out, again)
                }
                /// A rising edge for a settled design whose clock was left high: the fall
                /// moves no register, so it is not settled at all; the edge reaches every
                /// block in this one pass, and the passes after it settle what it moved.
                #[doc(hidden)]
                pub fn settle_rising_edge(&mut self) {
                    self.settle_clock_pass(rust_hdl::core::clock::Clock { clk: true });
                }
                /// A pass in which only the clock moves, the clock given by the parent.
                #[doc(hidden)]
                pub fn settle_clock_pass(&mut self, c: rust_hdl::core::clock::Clock) {
                    #set_clock
                    self.settle_after_clock();
                }
                #[allow(clippy::nonminimal_bool)]
                fn settle_after_clock(&mut self) {
                    #after_clock
                }
            }
            impl #impl_generics rust_hdl::core::block::Block for #name #ty_generics #where_clause {
                fn connect_all(&mut self) {
                    rust_hdl::core::logic::Logic::connect(self);
                    #(self.#fields.connect_all();)*
                }
                #[allow(clippy::nonminimal_bool)]
                fn update_all(&mut self) {
                    #(self.#inputs.update_all();)*
                    let inputs_changed = #inputs_changed;
                    if !inputs_changed && !self._settle.dirty && !self._settle.visit {
                        // Nothing below can move: every signal already holds what its writer
                        // last wrote, and no writer has anything new to read.
                        self._settle.changed = false;
                        self._settle.out = false;
                        return;
                    }
                    #clock_only
                    // The logic runs when something it reads moved; otherwise only children
                    // with work left are visited (its outputs and locals, which only its logic
                    // writes, stay as they are).
                    let run = inputs_changed || self._settle.dirty;
                    // The logic runs again at once while what it reads of its own signals
                    // moves, so its children and its parent see its settled values in this
                    // pass rather than a value a pass later.
                    let (mut mine, mut out, mut again) = (false, false, false);
                    if run {
                        (mine, out, again) = self.settle_logic();
                    }
                    #(self.#children.update_all();)*
                    // While a child's outputs move, the logic runs again and the children
                    // are visited again, so a value crossing between children, or up to the
                    // parent, settles here in one pass instead of one pass per crossing.
                    let mut kids = #children_changed;
                    let mut rounds = 0;
                    while (#children_out) && rounds < #local_runs {
                        rounds += 1;
                        let (m, o, a) = self.settle_logic();
                        mine |= m;
                        out |= o;
                        again = a;
                        #(self.#children.update_all();)*
                        kids |= #children_changed;
                    }
                    self._settle.dirty = #children_out || again;
                    self._settle.visit = #children_pending;
                    self._settle.out = out;
                    self._settle.changed = inputs_changed || kids || mine;
                }
                fn has_changed(&self) -> bool {
                    self._settle.changed
                }
                fn accept(&self, name: &str, probe: &mut dyn rust_hdl::core::probe::Probe) {
                    probe.visit_start_scope(name, self);
                    #(self.#fields.accept(#names, probe);)*
                    probe.visit_end_scope(name, self);
                }
            }
        }
        .into()
    }
}
