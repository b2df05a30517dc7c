/** Entry of the chat page (`/`). */
import { mountChat } from './chat-ui.js';

mountChat({ mode: 'page' });
