// Copy buttons (Profiles page): a button with data-copy="<element id>" copies that element's
// text. Served from the app under the CSP (script-src 'self'); without script the text stays
// selectable and the buttons stay hidden.
document.addEventListener('DOMContentLoaded', function () {
	document.querySelectorAll('button[data-copy]').forEach(function (button) {
		button.hidden = false;
		button.addEventListener('click', function () {
			var source = document.getElementById(button.getAttribute('data-copy'));
			if (!source || !navigator.clipboard) {
				return;
			}
			navigator.clipboard.writeText(source.textContent.trim()).then(function () {
				button.textContent = 'Copied';
				button.setAttribute('aria-live', 'polite');
			});
		});
	});
});
