// State that a web framework hands to handlers (`web::Data<T>` derefs to `T`) keeps its locks:
// two handlers take the key sets in opposite orders, and the guards outlive the `.await`.
use actix_web::{web, HttpResponse, Responder};
use std::sync::Mutex;

pub struct KeySets {
    ukeys: Mutex<Vec<u8>>,
    vkeys: Mutex<Vec<u8>>,
}

pub async fn u_key(state: web::Data<KeySets>) -> impl Responder {
    let mut ukeys = state.ukeys.lock().unwrap();
    let vkeys = state.vkeys.lock().unwrap();
    ukeys.extend(vkeys.iter());
    HttpResponse::Ok().await
}

pub async fn v_key(state: web::Data<KeySets>) -> impl Responder {
    let mut vkeys = state.vkeys.lock().unwrap();
    let ukeys = state.ukeys.lock().unwrap();
    vkeys.extend(ukeys.iter());
    HttpResponse::Ok().await
}
