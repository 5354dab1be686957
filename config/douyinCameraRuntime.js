// Runtime half of douyinCamera.js (tt builds only): Taro sends a component's attributes under
// short names it derives from this table, so the runtime must know the attributes the templates bind.
import { mergeInternalComponents } from '@tarojs/shared';
import CAMERA from './douyin-camera.json';

// A copy: Taro's merge writes into the objects it is given.
mergeInternalComponents(JSON.parse(JSON.stringify(CAMERA)));
