/** Entry of the widget iframe (`/widget`). */
import { mountChat } from './chat-ui.js';

mountChat({ mode: 'widget' });
