import { Module } from '@nestjs/common';
import { ChannelsService } from './channels.service';

/** The providers of e-mail, SMS, Zalo and Web Push, as configured. */
@Module({ providers: [ChannelsService], exports: [ChannelsService] })
export class ChannelsModule {}
