import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('Dock Claim: #root element missing from index.html')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
