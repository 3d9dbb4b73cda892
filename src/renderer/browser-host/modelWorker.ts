/** The browser host's model: the same model host code, in a Web Worker. */
import '../../shared/zodJitless';
import { startModelHost } from '../../model/host/serve';

void startModelHost(self);
