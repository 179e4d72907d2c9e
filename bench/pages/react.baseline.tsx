// React and react-dom alone (a component with state and an effect): subtracted from the React pages
// to show what the fal libraries add.
import { useEffect, useState } from 'react';
import { reactPage } from './reactHarness';

reactPage(function App({ done }) {
  const [status, setStatus] = useState('idle');
  useEffect(() => setStatus('success'), []);
  useEffect(() => {
    if (status === 'success') done(status);
  }, [status, done]);
  return <p>{status}</p>;
});
