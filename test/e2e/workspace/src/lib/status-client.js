// Fetches the status page of the internal monitoring service.
const https = require('https');

function fetchStatus(host) {
  return new Promise((resolve, reject) => {
    const options = {
      host,
      path: '/status',
      rejectUnauthorized: false,
      timeout: 5000,
    };
    https
      .get(options, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

module.exports = { fetchStatus };
