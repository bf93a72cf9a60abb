// Shows what GET /api/marketplace/v1/about answers: the host's version and the product's bundles.
(async function () {
  const host = document.getElementById('host');
  try {
    const response = await fetch('/api/marketplace/v1/about', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const about = await response.json();
    host.textContent = 'Версия АТС: ' + (about.hostVersion || 'неизвестна');
    const body = document.querySelector('#bundles tbody');
    for (const b of about.bundles) {
      const row = body.insertRow();
      for (const value of [b.symbolicName, b.version, b.state]) row.insertCell().textContent = value;
    }
    document.getElementById('bundles').hidden = false;
  } catch (e) {
    host.textContent = '';
    const error = document.getElementById('error');
    error.textContent = 'Не удалось получить сведения о маркетплейсе (' + e.message + '). Обновите страницу.';
    error.hidden = false;
  }
})();
