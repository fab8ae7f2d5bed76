//! `#[derive(SettleBlock)]`: the same `rust_hdl::core::block::Block` as rust-hdl's
//! `#[derive(LogicBlock)]` (connect, probe, change detection over every field), with one
//! difference in `update_all`, the step of the simulation's settle loop.
//!
//! rust-hdl updates a block's logic first and its fields after, so a value written into a
//! child's input is seen by the child's logic one pass later: every level of hierarchy a signal
//! crosses costs the settle loop one more pass over the whole design. Here a block first takes
//! its own inputs, then runs its logic, then updates its children, then its outputs and locals:
//! values flow down the hierarchy within one pass and only climbing a level costs a pass. The
//! settled state is the same (the loop runs to a fixpoint either way); the generated Verilog is
//! untouched (it comes from `hdl_gen` and the probe, which are unchanged).

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

#[proc_macro_derive(SettleBlock)]
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
    let children = ids(&|t| !is_signal(t));
    let rest = ids(&|t| is_signal(t) && !is_input(t));
    let fields = ids(&|_| true);
    let names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let has_changed = if fields.is_empty() {
        quote! { false }
    } else {
        quote! { #(self.#fields.has_changed())||* }
    };
    quote! {
        impl #impl_generics rust_hdl::core::block::Block for #name #ty_generics #where_clause {
            fn connect_all(&mut self) {
                rust_hdl::core::logic::Logic::connect(self);
                #(self.#fields.connect_all();)*
            }
            fn update_all(&mut self) {
                #(self.#inputs.update_all();)*
                rust_hdl::core::logic::Logic::update(self);
                #(self.#children.update_all();)*
                #(self.#rest.update_all();)*
            }
            fn has_changed(&self) -> bool {
                #has_changed
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
