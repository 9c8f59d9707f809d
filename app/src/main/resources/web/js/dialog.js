// A confirmation dialog on <dialog>: confirmDialog({title, text, ok, typed}) -> Promise<boolean>.
import { $ } from './util.js';

export function confirmDialog({ title, text, ok = 'OK', danger = true, typed = null }) {
  const dlg = $('#confirm-dialog');
  const input = $('#confirm-input');
  const okBtn = $('#confirm-ok');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  okBtn.textContent = ok;
  okBtn.className = danger ? 'btn-danger' : 'btn-primary';
  $('#confirm-typed').hidden = !typed;
  input.value = '';
  if (typed) {
    $('#confirm-input-label').textContent = 'Type ' + typed + ' to confirm';
    okBtn.disabled = true;
    input.oninput = () => { okBtn.disabled = input.value.trim() !== typed; };
  } else {
    okBtn.disabled = false;
    input.oninput = null;
  }
  return new Promise((resolve) => {
    let answered = false;
    const finish = (v) => {
      if (answered) return;
      answered = true;
      $('#confirm-cancel').onclick = null;
      $('#confirm-form').onsubmit = null;
      dlg.onclose = null;
      if (dlg.open) dlg.close();
      resolve(v);
    };
    $('#confirm-cancel').onclick = () => finish(false);
    $('#confirm-form').onsubmit = (e) => {
      e.preventDefault();
      if (typed && input.value.trim() !== typed) return;
      finish(true);
    };
    dlg.onclose = () => finish(false);
    if (typeof dlg.showModal === 'function') dlg.showModal();
    else dlg.setAttribute('open', '');
    (typed ? input : $('#confirm-cancel')).focus();
  });
}
